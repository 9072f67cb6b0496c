import { useEffect, useState } from 'react';

/** The width from which organiser pages become a desk console (sidebar, tables). */
export const DESK_QUERY = '(min-width: 1024px)';

function matches(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(DESK_QUERY).matches;
}

/** True in the H5 build on a window at least 1,024 px wide (follows resizing); always false in the mini-program. */
function useDeskH5(): boolean {
  const [desk, setDesk] = useState(matches);
  useEffect(() => {
    const mq = window.matchMedia(DESK_QUERY);
    const onChange = () => setDesk(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return desk;
}

const useDeskWeapp = (): boolean => false;

// A constant condition: the mini-program bundle keeps only the one-line stub.
export const useDesk: () => boolean = process.env.TARO_ENV === 'h5' ? useDeskH5 : useDeskWeapp;
