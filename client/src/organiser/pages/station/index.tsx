import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { chinaDate, chinaHHmm, type KioskLink, type Station, type StationStats } from '@xlx/shared';
import QrImage from '@/ui/QrImage';
import { downloadPaths, downloadPrintableCode, organiserService, type KioskLinkItem, type PrintedCode } from '@/services/organiser';
import { OrgPageGate } from '@/ui/PageState';
import { VisitCharts } from '@/organiser/components/VisitCharts';
import Badge from '@/ui/Badge';
import { StatTile } from '@/ui/Controls';
import { MANUAL, useData } from '@/lib/useData';
import { ORG_PAGES, idParam } from '@/lib/org-pages';
import { addDays, amenityText, stationHours, todayChina } from '@/lib/format-org';
import { toast } from '@/ui/toast';
import { exportCsvFile } from '@/organiser/export';
import { BusyButton, CardHead, HeadText, Loaded, RowButton, Section, StationBadge, useBusy, useReloadAll } from '@/organiser/components/Kit';
import { PairPicker } from '@/organiser/components/FormBits';
import '@/organiser/organiser.css';
import PrivacySheet from '@/ui/PrivacySheet';
import './index.css';

const AMENITY_COUNT = 99;

/** The printable poster buttons: A4 and A5 in the browser, one "save to album" in the mini-program. */
const POSTERS: ['a4' | 'a5', 'primary' | 'secondary', string][] =
  process.env.TARO_ENV === 'h5'
    ? [
        ['a4', 'primary', '下载 A4 海报'],
        ['a5', 'secondary', '下载 A5 海报'],
      ]
    : [['a4', 'primary', '保存海报到相册']];

/** One of my stations: its numbers, codes, screens and exports. */
export default function StationPage() {
  const { params } = useRouter();
  const id = idParam(params.id) ?? 0;
  const station = useData<Station>(() => organiserService.station(id), MANUAL);
  const stats = useData<StationStats>(() => organiserService.stationStats(id), MANUAL);
  const code = useData<PrintedCode>(() => organiserService.printedCode(id), MANUAL);
  const links = useData<{ items: KioskLinkItem[] }>(() => organiserService.kioskLinks(id), MANUAL);
  const { busy, act, askThenAct } = useBusy();
  const [newLink, setNewLink] = useState<KioskLink | null>(null);
  const [from, setFrom] = useState(() => addDays(todayChina(), -29));
  const [to, setTo] = useState(() => todayChina());

  useReloadAll(Boolean(id), station, stats, code, links);

  if (!id || !station.data) return <OrgPageGate id={id} remote={station} what='驿站' backUrl={ORG_PAGES.stations} />;

  const s = station.data;

  const togglePause = () => {
    const flip = async () => {
      station.setData(await organiserService.updateStation(s.id, { active: !s.active }));
      toast(s.active ? '已暂停服务' : '已恢复服务', 'success');
    };
    if (!s.active) return act('pause', flip, '恢复失败');
    const q = {
      title: '暂停服务',
      content: `暂停后，工友在“${s.name}”扫码将无法签到，驿站列表中显示“暂停服务”。随时可以恢复。确定暂停吗？`,
      confirmText: '暂停服务',
    };
    return askThenAct(q, 'pause', flip, '暂停失败');
  };

  const renew = () =>
    askThenAct(
      {
        title: '更换签到码',
        content: '更换后，墙上贴的旧签到码立即失效，工友扫旧码将无法签到。请随后下载新的打印版并张贴。确定更换吗？',
        confirmText: '确认更换',
      },
      'renew',
      async () => {
        await organiserService.renewPrintedCode(s.id);
        await code.reload(true);
        toast('已更换，请打印新码', 'success');
      },
      '更换失败',
    );

  const downloadCode = (paper: 'a4' | 'a5') =>
    act(
      `download-code-${paper}`,
      async () => {
        if (!code.data) return;
        const outcome = await downloadPrintableCode({ ...code.data, stationId: s.id }, paper);
        if (outcome === 'saved')
          toast(process.env.TARO_ENV === 'h5' ? `已下载 ${paper.toUpperCase()} 海报，按实际大小打印` : '签到海报已保存到相册', 'success');
        else if (outcome === 'denied') toast('没有保存：请在设置中允许心连新保存到相册后重试');
        else toast('请在电脑浏览器中打开心连新下载打印版');
      },
      '下载失败',
    );

  const createLink = () =>
    act(
      'link',
      async () => {
        const link = await organiserService.createKioskLink(s.id);
        setNewLink(link);
        await links.reload(true);
      },
      '生成链接失败',
    );

  const copy = async (text: string) => {
    try {
      await Taro.setClipboardData({ data: text });
      toast('链接已复制', 'success');
    } catch {
      toast('复制失败，请长按链接手动复制');
    }
  };

  const revoke = (item: KioskLinkItem) =>
    askThenAct(
      { title: '收回屏幕链接', content: '收回后，用这个链接打开的签到屏会立即显示“链接已失效”。确定收回吗？', confirmText: '收回' },
      `station-link-revoke-${item.id}`,
      async () => {
        await organiserService.revokeKioskLink(item.id);
        await links.reload(true);
        toast('已收回', 'success');
      },
      '收回失败',
    );

  const exportCsv = () =>
    act(
      'csv',
      async () => {
        if (from > to) {
          toast('开始日期不能晚于结束日期');
          return;
        }
        await exportCsvFile(downloadPaths.stationVisitsCsv(s.id, from, to), `${s.name}-到访记录.csv`);
      },
      '导出失败',
    );

  return (
    <View className='page org-page' id='station-page'>
      <View className='card'>
        <CardHead title={s.name} titleId='station-name' sub={s.organisationName} badge={<StationBadge active={s.active} id='station-status' />} />
        <Text className='org-item-line'>地址：{s.address}</Text>
        <Text className='org-item-line'>开放：{stationHours(s)}</Text>
        {s.amenities.length ? <Text className='org-item-line'>服务：{amenityText(s.amenities, AMENITY_COUNT)}</Text> : null}
        <View className='org-spacer' />
        <View className='org-actions'>
          <Button id='station-edit' className='btn btn-secondary' onClick={() => void Taro.navigateTo({ url: `${ORG_PAGES.stationEdit}?id=${s.id}` })}>
            编辑
          </Button>
          <Button
            id='station-toggle'
            className={`btn ${s.active ? 'btn-danger' : 'org-btn-green'} ${busy === 'pause' ? 'btn-busy' : ''}`}
            disabled={busy === 'pause'}
            onClick={() => void togglePause()}
          >
            {busy === 'pause' ? '处理中…' : s.active ? '暂停服务' : '恢复服务'}
          </Button>
        </View>
      </View>

      <Section title='到访数据' id='station-stats'>
        <Loaded remote={stats} failed='数据加载失败'>
          {(st) => (
            <>
              <View className='org-stats'>
                <StatTile id='station-stats-today' label='今日人次' value={st.today.visits} sub={`${st.today.workers} 位工友`} />
                <StatTile id='station-stats-week' label='近7天人次' value={st.week.visits} sub={`${st.week.workers} 位工友`} />
                <StatTile id='station-stats-month' label='近30天人次' value={st.month.visits} sub={`${st.month.workers} 位工友`} />
              </View>
              <VisitCharts id='station' className='org-charts' perDay={st.perDay} stats={stats} noOccupations='暂无到访记录' />
            </>
          )}
        </Loaded>
      </Section>

      <View className='org-grid'>
        <Section title='纸质签到码' id='station-printed'>
          {!s.signInPolicy.printed ? (
            <Text className='note-box note-warning org-notice'>该驿站未启用纸质签到码，工友扫描它会被拒绝。可在“编辑”中开启。</Text>
          ) : null}
          <Loaded remote={code} failed='签到码加载失败'>
            {(c) => (
              <View className='org-qr-box'>
                <QrImage id='station-code-qr' payload={c.payload} size={400} />
                <Text className='muted'>扫不了时手动输入的签到码</Text>
                <Text className='org-qr-payload org-qr-typed' id='station-code-typed' userSelect>
                  {c.typedCode}
                </Text>
                <Text className='org-qr-payload' id='station-code-link' userSelect>
                  {c.link}
                </Text>
              </View>
            )}
          </Loaded>
          <Text className='muted org-block'>
            打印后贴在驿站醒目处，工友用微信扫一扫或手机相机扫码即可签到。海报上有工会和驿站名称、二维码和手动输入的签到码。
          </Text>
          <View className='org-actions'>
            {POSTERS.map(([paper, tone, label]) => (
              <BusyButton
                key={paper}
                id={paper === 'a4' ? 'station-code-download' : 'station-code-download-a5'}
                tone={tone}
                busy={busy === `download-code-${paper}`}
                disabled={!code.data || busy !== null}
                onClick={() => void downloadCode(paper)}
              >
                {label}
              </BusyButton>
            ))}
            <BusyButton id='station-code-renew' tone='danger' busy={busy === 'renew'} onClick={() => void renew()}>
              更换签到码
            </BusyButton>
          </View>
          <Text className='field-hint'>签到码被拍照外传时可更换：旧码立即失效。</Text>
        </Section>

        <Section title='签到屏（动态码）' id='station-kiosk'>
          {!s.signInPolicy.rotating ? (
            <Text className='note-box note-warning org-notice'>该驿站未启用屏幕动态码，签到屏无法显示。可在“编辑”中开启。</Text>
          ) : null}
          <Text className='muted org-block'>在驿站的电视、平板或电脑上全屏显示每30秒更换的二维码，拍照转发无效。</Text>
          <Button id='station-open-kiosk' className='btn btn-primary' onClick={() => void Taro.navigateTo({ url: `${ORG_PAGES.kiosk}?stationId=${s.id}` })}>
            打开签到屏
          </Button>
          <BusyButton id='station-link-create' tone='secondary' busy={busy === 'link'} onClick={() => void createLink()}>
            生成屏幕链接
          </BusyButton>
          <Text className='field-hint'>链接免登录：在驿站的屏幕浏览器中打开即可显示签到码，不用在那台设备上登录您的账号。</Text>

          {newLink ? (
            <View className='org-newlink' id='station-link-new'>
              <Text className='org-newlink-title'>新链接（只显示这一次，请复制保存）</Text>
              <Text className='org-newlink-url' id='station-link-url' userSelect>
                {newLink.url}
              </Text>
              <Button id='station-link-copy' className='btn btn-primary org-btn-small' onClick={() => void copy(newLink.url)}>
                复制链接
              </Button>
            </View>
          ) : null}

          <View className='org-links' id='station-links'>
            {links.data && links.data.items.length ? (
              links.data.items.map((l, i) => (
                <View className='org-link-row' key={l.id} id={`station-link-${l.id}`}>
                  <HeadText
                    titleClass='org-link-name'
                    title={`屏幕链接 ${links.data!.items.length - i}`}
                    sub={`${chinaDate(l.createdAt)} ${chinaHHmm(l.createdAt)} 生成`}
                  />
                  {l.revoked ? (
                    <Badge tone='grey'>已收回</Badge>
                  ) : (
                    <>
                      <Badge tone='green'>使用中</Badge>
                      <RowButton id={`station-link-revoke-${l.id}`} tone='danger' running={busy} className='org-link-revoke' onClick={() => void revoke(l)}>
                        收回
                      </RowButton>
                    </>
                  )}
                </View>
              ))
            ) : links.error ? (
              <Text className='field-error' onClick={() => void links.reload()}>
                链接列表加载失败（点此重试）
              </Text>
            ) : links.data ? (
              <Text className='muted'>还没有生成过屏幕链接。</Text>
            ) : null}
          </View>
        </Section>
      </View>

      <Section title='导出到访记录' id='station-export'>
        <Text className='muted org-block'>导出所选日期内每次签到的时间、工友编号、职业和签到方式（CSV，可用 Excel 打开）。</Text>
        <View className='org-pair'>
          <PairPicker label='开始日期' mode='date' id='station-export-from' value={from} end={to} onChange={setFrom} />
          <PairPicker label='结束日期' mode='date' id='station-export-to' value={to} start={from} end={todayChina()} onChange={setTo} />
        </View>
        <View className='org-spacer' />
        <BusyButton id='station-export-csv' tone='secondary' busy={busy === 'csv'} onClick={() => void exportCsv()}>
          导出CSV
        </BusyButton>
      </Section>
      <PrivacySheet />
    </View>
  );
}
