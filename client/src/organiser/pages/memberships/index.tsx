import type { IconName } from '@/ui/Icon';
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { OCCUPATION_LABELS, RejectInputSchema } from '@xlx/shared';
import { organiserService, type Membership, type MembershipStatus } from '@/services/organiser';
import { isApiError } from '@/services/request';
import PageState, { RefreshNotice } from '@/ui/PageState';
import Badge from '@/ui/Badge';
import { OrgPicker, useManagedOrgs } from '@/organiser/components/OrgPicker';
import { MANUAL, useData } from '@/lib/useData';
import { fmtDate } from '@/lib/format-org';
import { idParam } from '@/lib/org-pages';
import { showActionError, toast } from '@/ui/toast';
import { withDesk } from '@/organiser/desk/DeskShell';
import { MembershipsTable } from '@/organiser/desk/tables';
import { useDesk } from '@/organiser/desk/useDesk';
import { BusyButton, Dialog, MessageBox, StateCard, Toolbar, chipOptions, useFilteredList, useMessageBox } from '@/organiser/components/Kit';
import '@/organiser/organiser.css';
import MemberVerify from './verify';
import './index.css';

const TABS = chipOptions<MembershipStatus>({ pending: '待审批', approved: '已通过', rejected: '未通过', revoked: '已注销' });

const EMPTY: Record<MembershipStatus, { icon: IconName; title: string; text: string }> = {
  pending: { icon: 'ok', title: '没有待审批的申请', text: '工友在小程序“申请入会”提交后，会显示在这里。' },
  approved: { icon: 'card', title: '还没有通过的申请', text: '通过审批的申请人会成为会员，并获得会员号。' },
  rejected: { icon: 'list', title: '没有未通过的申请', text: '' },
  revoked: { icon: 'list', title: '没有注销的会员', text: '' },
};

function isStatus(v: string | undefined): v is MembershipStatus {
  return v === 'pending' || v === 'approved' || v === 'rejected' || v === 'revoked';
}

/** Applications to join my unions: approve, or reject with a reason the applicant will read. */
function MembershipsPage() {
  const { params } = useRouter();
  const desk = useDesk();
  const [tab, setTab] = useState<MembershipStatus>(() => (isStatus(params.status) ? params.status : 'pending'));
  const [orgId, setOrgId] = useState<number | null>(() => idParam(params.organisationId));
  const orgs = useManagedOrgs();
  const list = useData<{ items: Membership[] }>(() => organiserService.memberships(tab, orgId ?? undefined), MANUAL);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Membership | null>(null);
  const reason = useMessageBox();

  useFilteredList(list, [tab, orgId], true);

  /** The decided application leaves this tab's list. */
  const drop = (id: number) => list.setData(list.data ? { items: list.data.items.filter((m) => m.id !== id) } : null);

  const approve = async (m: Membership) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '通过入会申请',
      content: `确认 ${m.name}（${m.employer}）符合入会条件？通过后 TA 会收到会员号。`,
      confirmText: '通过',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(`approve-${m.id}`);
    try {
      const done = await organiserService.approveMembership(m.id);
      drop(m.id);
      toast(done.memberNo ? `已通过，会员号 ${done.memberNo}` : '已通过', 'success');
    } catch (e) {
      await showActionError(e, '操作失败');
      if (isApiError(e) && e.status === 409) void list.reload(true);
    } finally {
      setBusy(null);
    }
  };

  const revoke = async (m: Membership) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '注销会员',
      content: `注销 ${m.name} 的会员资格？注销后 TA 的会员卡核验会显示“已注销”。`,
      confirmText: '注销',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(`revoke-${m.id}`);
    try {
      await organiserService.revokeMembership(m.id);
      drop(m.id);
      toast('已注销', 'success');
    } catch (e) {
      await showActionError(e, '操作失败');
      if (isApiError(e) && e.status === 409) void list.reload(true);
    } finally {
      setBusy(null);
    }
  };

  const openReject = (m: Membership) => {
    setRejecting(m);
    reason.setValue('');
    reason.setError('');
  };

  const reject = async () => {
    if (!rejecting || busy) return;
    const parsed = RejectInputSchema.safeParse({ reason: reason.value });
    if (!parsed.success) {
      reason.setError(parsed.error.issues[0]?.message ?? '请说明不通过的原因');
      return;
    }
    setBusy(`reject-${rejecting.id}`);
    try {
      await organiserService.rejectMembership(rejecting.id, parsed.data.reason);
      drop(rejecting.id);
      setRejecting(null);
      toast('已退回申请', 'success');
    } catch (e) {
      if (isApiError(e) && e.code === 'VALIDATION_FAILED') reason.setError(e.fieldErrors.reason ?? e.message);
      else {
        await showActionError(e, '操作失败');
        if (isApiError(e) && e.status === 409) {
          setRejecting(null);
          void list.reload(true);
        }
      }
    } finally {
      setBusy(null);
    }
  };

  const tabs = (
    <View className='mem-tabs' id='member-tabs'>
      {TABS.map((t) => (
        <View
          key={t.value}
          id={`member-tab-${t.value}`}
          className={`segment-item mem-tab ${tab === t.value ? 'mem-tab-on' : ''}`}
          onClick={() => setTab(t.value)}
        >
          <Text>{t.label}</Text>
          {tab === t.value && list.data && !list.loading ? <Text className='mem-tab-count'>{list.data.items.length}</Text> : null}
        </View>
      ))}
    </View>
  );

  const head = (
    <>
      <Toolbar className='org-toolbar-wrap' title='入会审批' sub='手机号已隐去中间四位，仅用于核对身份'>
        {orgs && orgs.length > 1 ? (
          <View className='org-toolbar-pick'>
            <OrgPicker id='member-org' options={orgs} value={orgId} allLabel='全部组织' onChange={setOrgId} />
          </View>
        ) : null}
      </Toolbar>
      <MemberVerify />
      {tabs}
    </>
  );

  if (!list.data) {
    const denied = list.error !== null && (list.error.status === 401 || list.error.status === 403);
    return (
      <View className='page org-page'>
        {denied ? null : head}
        <PageState error={list.loading ? null : list.error} what='申请列表' onRetry={() => void list.reload()} />
      </View>
    );
  }

  const items = list.data.items;

  return (
    <View className='page org-page' id='memberships-page'>
      {head}
      <RefreshNotice remote={list} org />

      {items.length === 0 ? (
        <StateCard id='member-empty' icon={EMPTY[tab].icon} title={EMPTY[tab].title} text={EMPTY[tab].text || undefined} />
      ) : desk ? (
        <MembershipsTable
          items={items}
          onReject={openReject}
          onDecided={(ids) => {
            list.setData(list.data ? { items: list.data.items.filter((m) => !ids.includes(m.id)) } : null);
            if (ids.length) toast(`已通过 ${ids.length} 份申请`, 'success');
          }}
        />
      ) : (
        <View className='org-list org-grid' id='member-list'>
          {items.map((m) => (
            <View key={m.id} id={`member-item-${m.id}`} className='org-item mem-item'>
              <View className='org-item-top'>
                <View className='org-head-text'>
                  <Text className='org-item-title'>
                    {m.name}
                    <Text className='mem-phone'> {m.phone}</Text>
                    {m.phoneVerified ? <Text className='mem-phone'>（微信已验证）</Text> : null}
                  </Text>
                </View>
                {m.status === 'approved' ? (
                  <Badge tone='green'>已通过</Badge>
                ) : m.status === 'rejected' ? (
                  <Badge tone='grey'>未通过</Badge>
                ) : m.status === 'revoked' ? (
                  <Badge tone='grey'>已注销</Badge>
                ) : (
                  <Badge tone='amber'>待审批</Badge>
                )}
              </View>
              <Text className='org-item-line'>
                {OCCUPATION_LABELS[m.occupation]} · {m.employer}
              </Text>
              <Text className='org-item-line'>
                {fmtDate(m.createdAt)} 申请加入 {m.organisationName}
              </Text>
              {m.ceremonyEventId ? <Text className='org-item-line'>报名参加入会仪式</Text> : null}
              {m.status === 'approved' ? (
                <Text className='mem-no' id={`member-no-${m.id}`}>
                  会员号 {m.memberNo ?? '—'}
                  {m.decidedAt ? <Text className='mem-when'> · {fmtDate(m.decidedAt)} 通过</Text> : null}
                </Text>
              ) : null}
              {m.status === 'approved' ? (
                <View className='org-actions mem-actions'>
                  <Button id={`member-revoke-${m.id}`} className='btn btn-secondary' disabled={busy !== null} onClick={() => void revoke(m)}>
                    注销会员
                  </Button>
                </View>
              ) : null}
              {m.status === 'rejected' ? (
                <Text className='mem-reason'>
                  原因：{m.rejectReason ?? '—'}
                  {m.decidedAt ? ` · ${fmtDate(m.decidedAt)}` : ''}
                </Text>
              ) : null}
              {m.status === 'pending' ? (
                <View className='org-actions mem-actions'>
                  <BusyButton id={`member-approve-${m.id}`} tone='green' busy={busy === `approve-${m.id}`} onClick={() => void approve(m)}>
                    通过
                  </BusyButton>
                  <Button id={`member-reject-${m.id}`} className='btn btn-danger' disabled={busy !== null} onClick={() => openReject(m)}>
                    不通过
                  </Button>
                </View>
              ) : null}
            </View>
          ))}
        </View>
      )}

      {rejecting ? (
        <Dialog
          id='member-reject-dialog'
          title={`不通过 ${rejecting.name} 的申请`}
          text='申请人会在小程序里看到您填写的原因，请写清楚怎样修改后可以重新申请。'
          confirmId='member-reject-confirm'
          confirmText='确认不通过'
          busy={busy === `reject-${rejecting.id}`}
          onConfirm={() => void reject()}
          cancelText='取消'
          cancelDisabled={busy !== null}
          onCancel={() => setRejecting(null)}
        >
          <MessageBox
            id='member-reject-reason'
            errorId='member-reject-reason-error'
            invalidClass='mem-reason-invalid'
            maxlength={200}
            placeholder='例如：工作单位填写不完整，请写明所在站点后重新申请'
            box={reason}
          />
        </Dialog>
      ) : null}
    </View>
  );
}

export default withDesk(MembershipsPage, 'memberships');
