import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { DOOR_SCAN_REASON_LABELS, chinaHHmm, type DoorScanRow } from '@xlx/shared';
import { organiserService } from '@/services/organiser';
import { errorMessage } from '@/services/request';
import { BusyButton } from '@/organiser/components/Kit';

const SHOWN = 30;
const METHOD_LABELS: Record<DoorScanRow['method'], string> = { scan: '扫码', manual: '手动', self: '自助', migrated: '升级前' };

function what(r: DoorScanRow): string {
  if (r.kind === 'entry') return r.override ? '破例放行' : '入场';
  if (r.kind === 'undo') return '撤销签到';
  return `拒绝：${r.reason ? DOOR_SCAN_REASON_LABELS[r.reason] : '其他'}`;
}

/** The door's history (newest first): every entry, undo and refused scan, loaded when asked for. */
export default function ScanHistory({ eventId }: { eventId: number }) {
  const [rows, setRows] = useState<DoorScanRow[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');

  const load = async () => {
    setLoading(true);
    setError('');
    try {
      setRows((await organiserService.scanHistory(eventId)).items);
    } catch (e) {
      setError(`${errorMessage(e)}，请稍后再点“刷新”`);
    } finally {
      setLoading(false);
    }
  };

  return (
    <View className='card' id='attendance-history'>
      <View className='org-row'>
        <Text className='section-title'>入场记录</Text>
        <BusyButton id='attendance-history-load' tone='secondary' busy={loading} spin={false} className='org-btn-small' onClick={() => void load()}>
          {loading ? '正在加载…' : rows ? '刷新' : '查看'}
        </BusyButton>
      </View>
      {error ? <Text className='field-error'>{error}</Text> : null}
      {rows && rows.length === 0 ? <Text className='muted'>还没有扫码记录</Text> : null}
      {rows?.slice(0, SHOWN).map((r) => (
        <View key={r.id} className='att-row' id={`att-scan-${r.id}`}>
          <Text className='text-faint att-meta'>
            {chinaHHmm(r.receivedAt)} {r.attendeeName ?? '无法识别的票'} · {what(r)} · {METHOD_LABELS[r.method]}
            {r.scannedBy ? ` · ${r.scannedBy}` : ''}
            {r.deviceId ? ` · 设备 ${r.deviceId.slice(-6)}` : ''}
          </Text>
        </View>
      ))}
      {rows && rows.length > SHOWN ? <Text className='muted'>只显示最近 {SHOWN} 条</Text> : null}
    </View>
  );
}
