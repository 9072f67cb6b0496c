import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '@/services/request';

export interface Latest<T> {
  data: T | null;
  /** The last load's failure, '' after a good one. */
  error: string;
  loading: boolean;
  /** Runs one load; an answer that arrives after a newer load started is dropped. */
  run: (fetch: () => Promise<T>) => Promise<void>;
}

/** Data that the page loads itself with changing arguments (filters, position): the newest load wins. */
export function useLatest<T>(): Latest<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const run = useCallback(async (fetch: () => Promise<T>) => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const result = await fetch();
      if (mine !== seq.current) return;
      setData(result);
      setError('');
    } catch (e) {
      if (mine !== seq.current) return;
      setError(errorMessage(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);
  return { data, error, loading, run };
}
