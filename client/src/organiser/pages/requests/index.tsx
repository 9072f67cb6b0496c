import { useEffect, useMemo, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { LIMITS, OfflineRequestInputSchema, REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, issuesByField, toFieldIssues, type WorkerRequest } from '@xlx/shared';
import FormField from '@/ui/FormField';
import { organiserService, type RequestCategory, type RequestQuery } from '@/services/organiser';
import { isApiError } from '@/services/request';
import PageState from '@/ui/PageState';
import Badge from '@/ui/Badge';
import Chips from '@/ui/Chips';
import { OrgPicker, useManagedOrgs } from '@/organiser/components/OrgPicker';
import { ChannelBadge, RequestStatusBadge } from '@/organiser/components/RequestBits';
import { MANUAL, useData } from '@/lib/useData';
import { useForm } from '@/lib/useForm';
import { TextField, bindField } from '@/organiser/components/FormBits';
import { idParam } from '@/lib/org-pages';
import { fmtDate, firstLine } from '@/lib/format-org';
import { showActionError, toast } from '@/ui/toast';
import { withDesk } from '@/organiser/desk/DeskShell';
import { RequestsTable } from '@/organiser/desk/tables';
import { useDesk } from '@/organiser/desk/useDesk';
import { BusyButton, FilterBar, ListItem, StateCard, Toolbar, chipOptions, useFilteredList } from '@/organiser/components/Kit';
import '@/organiser/organiser.css';
import './index.css';

type Filter = 'all' | 'open' | 'submitted' | 'in_progress' | 'resolved' | 'closed' | 'overdue';
const FILTERS = chipOptions<Filter>({
  all: '全部',
  submitted: '待处理',
  in_progress: '处理中',
  resolved: '已解决',
  closed: '已关闭',
  overdue: '已逾期',
  open: '未办结',
});
const FILTER_VALUES = FILTERS.map((f) => f.value);

function filterFromParams(p: Record<string, string | undefined>): Filter {
  if (p.overdue === 'true') return 'overdue';
  return p.status && (FILTER_VALUES as string[]).includes(p.status) ? (p.status as Filter) : 'all';
}

function queryOf(filter: Filter, organisationId: number | null): RequestQuery {
  const q: RequestQuery = {};
  if (organisationId) q.organisationId = organisationId;
  if (filter === 'overdue') q.overdue = true;
  else if (filter !== 'all' && filter !== 'open') q.status = filter;
  return q;
}

const EMPTY_TEXT: Record<Filter, string> = {
  all: '工友在小程序里提交的诉求，以及您登记的现场诉求，会显示在这里。',
  open: '没有未办结的诉求，辛苦了！',
  submitted: '没有等待处理的诉求。',
  in_progress: '没有正在处理的诉求。',
  resolved: '还没有已解决的诉求。',
  closed: '没有已关闭的诉求。',
  overdue: '没有逾期的诉求：每条诉求都在3个工作日内有了回应。',
};

/** The words of the form's text fields. */
const TEXTS = {
  text: { label: '问题描述', area: 'field-textarea req-new-text', maxlength: LIMITS.requestTextMax, placeholder: '例如：驿站微波炉坏了，午饭没法加热' },
  reporter: { label: '反映人（可不填）', hint: '姓名或称呼，便于回访', maxlength: 20, placeholder: '例如 王师傅' },
};

interface NewForm {
  category: RequestCategory | null;
  text: string;
  organisationId: number | null;
  reporterName: string;
}

/** Requests addressed to my organisations: filter, open one, or record one received in person. */
function RequestsPage() {
  const { params } = useRouter();
  const desk = useDesk();
  const [filter, setFilter] = useState<Filter>(() => filterFromParams(params));
  const [orgId, setOrgId] = useState<number | null>(() => idParam(params.organisationId));
  const orgs = useManagedOrgs();
  const list = useData<{ items: WorkerRequest[] }>(() => organiserService.requests(queryOf(filter, orgId)), MANUAL);
  const [formOpen, setFormOpen] = useState(false);
  const f = useForm<NewForm>(
    { category: null, text: '', organisationId: null, reporterName: '' },
    { fields: ['category', 'text', 'organisationId', 'reporterName'] },
  );
  const { values: form, setValues: setForm, update, errors, setErrors } = f;
  const [saving, setSaving] = useState(false);

  useFilteredList(list, [filter, orgId]);

  // The form's organisation: the filtered one, or my first, once my organisations are known.
  useEffect(() => {
    if (formOpen && form.organisationId === null && orgs?.length) setForm((f) => ({ ...f, organisationId: orgId ?? orgs[0].id }));
  }, [formOpen, form.organisationId, orgs, orgId, setForm]);

  const shown = useMemo(() => {
    const items = list.data?.items ?? [];
    return filter === 'open' ? items.filter((r) => r.status === 'submitted' || r.status === 'in_progress') : items;
  }, [list.data, filter]);

  const openForm = () => {
    setErrors({});
    setForm((f) => ({ ...f, organisationId: f.organisationId ?? orgId ?? orgs?.[0]?.id ?? null }));
    setFormOpen(true);
  };

  const submit = async () => {
    if (saving) return;
    const parsed = OfflineRequestInputSchema.safeParse({
      category: form.category ?? undefined,
      text: form.text,
      organisationId: form.organisationId ?? 0,
      reporterName: form.reporterName,
    });
    if (!parsed.success) {
      const byField = issuesByField(toFieldIssues(parsed.error));
      if (byField.organisationId) byField.organisationId = '请选择受理的组织';
      setErrors(byField);
      return;
    }
    setSaving(true);
    try {
      await organiserService.recordRequest({ ...parsed.data, stationId: null });
      setFormOpen(false);
      setForm({ category: null, text: '', organisationId: form.organisationId, reporterName: '' });
      toast('已登记', 'success');
      if (!['all', 'submitted', 'open'].includes(filter)) setFilter('all');
      else await list.reload(true);
    } catch (e) {
      if (isApiError(e) && e.code === 'VALIDATION_FAILED' && e.issues.length) setErrors(e.fieldErrors);
      else await showActionError(e, '登记失败');
    } finally {
      setSaving(false);
    }
  };

  if (!list.data) {
    return (
      <View className='page org-page'>
        <PageState error={list.loading ? null : list.error} what='诉求列表' onRetry={() => void list.reload()} />
      </View>
    );
  }

  const filtered = filter !== 'all' || orgId !== null;

  return (
    <View className='page org-page' id='requests-page'>
      <Toolbar className='req-toolbar' title='诉求处理' sub='工友反映的问题须在3个工作日内回应'>
        <Button id='req-new' className='btn btn-primary' onClick={() => (formOpen ? setFormOpen(false) : openForm())}>
          ＋ 登记现场诉求
        </Button>
      </Toolbar>

      {formOpen ? (
        <View className='card req-form' id='req-new-form'>
          <Text className='section-title'>登记现场诉求</Text>
          <Text className='muted req-form-intro'>工友在驿站、活动现场或电话里反映的问题，登记后与线上诉求一起跟进，并计入统计。</Text>
          <View className='org-grid'>
            <View className='org-col'>
              <FormField label='类别' error={errors.category} errorId='req-new-category-error'>
                <Chips
                  look='org'
                  idPrefix='req-new-category'
                  options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: REQUEST_CATEGORY_LABELS[c] }))}
                  value={form.category || null}
                  onChange={(c) => update('category', c)}
                />
              </FormField>
              <TextField id='req-new-text' {...TEXTS.text} {...bindField(f, 'text')} />
            </View>
            <View className='org-col'>
              <FormField label='受理组织' error={errors.organisationId} errorId='req-new-org-error'>
                {orgs ? (
                  <OrgPicker id='req-new-org' options={orgs} value={form.organisationId} onChange={(id) => update('organisationId', id)} />
                ) : (
                  <Text className='org-readonly muted'>正在加载…</Text>
                )}
              </FormField>
              <TextField id='req-new-reporter' {...TEXTS.reporter} {...bindField(f, 'reporterName')} />
            </View>
          </View>
          <View className='org-actions'>
            <BusyButton id='req-new-submit' tone='primary' busy={saving} onClick={() => void submit()}>
              登记
            </BusyButton>
            <Button id='req-new-cancel' className='btn btn-secondary' disabled={saving} onClick={() => setFormOpen(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}

      {orgs && orgs.length > 1 ? (
        <View className='req-org'>
          <OrgPicker id='req-org' options={orgs} value={orgId} allLabel='全部组织' onChange={setOrgId} />
        </View>
      ) : null}

      <FilterBar idPrefix='req-filter' options={FILTERS} value={filter} onChange={setFilter} remote={list} />

      {shown.length === 0 ? (
        <StateCard
          id='req-empty'
          icon={filter === 'overdue' || filter === 'open' ? 'ok' : 'inbox'}
          title={filtered ? '没有符合条件的诉求' : '还没有诉求'}
          text={EMPTY_TEXT[filter]}
          actionText={filtered ? '查看全部' : undefined}
          onAction={
            filtered
              ? () => {
                  setFilter('all');
                  setOrgId(null);
                }
              : undefined
          }
        />
      ) : (
        <>
          <Text className='org-count' id='req-count'>
            共 {shown.length} 条{filter === 'all' ? `，其中 ${shown.filter((r) => r.overdue).length} 条已逾期` : ''}
          </Text>
          {desk ? <RequestsTable items={shown} onChanged={() => list.reload(true)} /> : null}
          {desk ? null : (
            <View className='org-list org-grid' id='req-list'>
              {shown.map((r) => (
                <ListItem
                  key={r.id}
                  kind='req'
                  itemId={r.id}
                  className={`req-item ${r.overdue ? 'req-item-overdue' : ''}`}
                  title={firstLine(r.text) || '（无内容）'}
                  badge={<RequestStatusBadge status={r.status} />}
                >
                  <View className='org-row req-badges'>
                    <Text className='req-category'>{REQUEST_CATEGORY_LABELS[r.category]}</Text>
                    <ChannelBadge channel={r.channel} />
                    {r.overdue ? <Badge tone='red'>已逾期</Badge> : null}
                  </View>
                  <Text className='org-item-line'>
                    {r.organisationName}
                    {r.reporterName ? ` · ${r.reporterName}` : ''}
                  </Text>
                  <Text className='org-item-line'>
                    {fmtDate(r.createdAt)} 提交 ·{' '}
                    {r.status === 'resolved' || r.status === 'closed' ? (
                      <Text>{r.resolvedAt ? `${fmtDate(r.resolvedAt)} 解决` : '已办结'}</Text>
                    ) : (
                      <Text className={r.overdue ? 'req-due-late' : ''}>{fmtDate(r.dueAt)} 前回应</Text>
                    )}
                    {r.assigneeName ? ` · 负责人 ${r.assigneeName}` : ''}
                  </Text>
                </ListItem>
              ))}
            </View>
          )}
        </>
      )}
    </View>
  );
}

export default withDesk(RequestsPage, 'requests');
