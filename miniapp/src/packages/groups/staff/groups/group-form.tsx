import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  LEVEL_CODES,
  createGroupRequestSchema,
  updateGroupRequestSchema,
  type Group,
  type LevelCode,
} from '@itss/shared';
import { useState } from 'react';
import { useTask } from '@/components/kit/use-task';
import { BusyButton, FormFailure, TextInput } from '@/components/kit/form';
import { SelectPicker } from '@/components/kit/pickers';
import { Card, Section } from '@/components/section';
import { createGroup, updateGroup } from '@/packages/groups/api';
import { levelName } from '@/utils/format';
import { StaffField } from '@/packages/staff/components/units';

interface GroupDraft {
  name: string;
  minLevel: LevelCode;
  note: string;
}

const levelAndAbove = (code: LevelCode) => `${levelName(code)}及以上`;

interface GroupFormProps {
  initial: GroupDraft;
  submitText: string;
  /** Checks the draft with the contract's schema and sends it; the message of what went wrong. */
  onSubmit: (draft: GroupDraft) => Promise<string | null>;
  onCancel: () => void;
}

/** Name, lowest level and note: the same fields and buttons create a group and edit one. */
function GroupForm({ initial, submitText, onSubmit, onCancel }: GroupFormProps) {
  const [draft, setDraft] = useState(initial);
  const { busy, error, setError, run } = useTask();
  const submit = async () => {
    await run(async () => {
      setError(await onSubmit(draft));
    });
  };
  return (
    <>
      <StaffField label="群名称">
        <TextInput
          className="staff-form__input group-form__name"
          maxlength={30}
          placeholder="如：ITSS 分会会员交流群"
          value={draft.name}
          onChange={(value) => setDraft({ ...draft, name: value })}
        />
      </StaffField>
      <StaffField label="可加入的会员级别">
        <SelectPicker
          className="group-form__level"
          options={LEVEL_CODES}
          nameOf={levelAndAbove}
          value={draft.minLevel}
          onChange={(minLevel) => setDraft({ ...draft, minLevel })}
          block="staff-form"
          boxClassName="staff-form__picker"
          placeholder="请选择"
        />
      </StaffField>
      <StaffField label="备注（选填，仅工作人员可见）">
        <TextInput
          multiline
          className="staff-form__textarea group-form__note"
          maxlength={200}
          placeholder="如：群主为会员服务部张老师"
          value={draft.note}
          onChange={(value) => setDraft({ ...draft, note: value })}
        />
      </StaffField>
      <FormFailure className="staff-form__error" message={error} />
      <View className="group-form__actions">
        <BusyButton className="staff-form__submit" busy={busy} onClick={() => void submit()}>
          {submitText}
        </BusyButton>
        <Button className="group-form__cancel" onClick={onCancel}>
          取消
        </Button>
      </View>
    </>
  );
}

const NEW_GROUP: GroupDraft = { name: '', minLevel: 'member', note: '' };

export function CreateGroupForm({ onCreated }: { onCreated: () => Promise<unknown> }) {
  const [open, setOpen] = useState(false);
  const create = async (draft: GroupDraft) => {
    const note = draft.note.trim();
    const parsed = createGroupRequestSchema.safeParse({
      name: draft.name,
      minLevel: draft.minLevel,
      ...(note ? { note } : {}),
    });
    if (!parsed.success) return parsed.error.issues[0]?.message ?? '请填写群名称';
    const group = await createGroup(parsed.data);
    setOpen(false);
    await Taro.showToast({ title: `已新建${group.name}`, icon: 'none' });
    await onCreated();
    return null;
  };
  if (!open)
    return (
      <Button className="groups-new" onClick={() => setOpen(true)}>
        新建群
      </Button>
    );
  return (
    <Section title="新建群" hint="新建后上传群二维码，会员即可扫码入群">
      <Card className="staff-form">
        <GroupForm initial={NEW_GROUP} submitText="创建" onSubmit={create} onCancel={() => setOpen(false)} />
      </Card>
    </Section>
  );
}

export function EditGroupForm({
  group,
  onDone,
}: {
  group: Group;
  onDone: (changed: boolean) => Promise<void>;
}) {
  const save = async (draft: GroupDraft) => {
    const note = draft.note.trim();
    const parsed = updateGroupRequestSchema.safeParse({
      ...(draft.name.trim() === group.name ? {} : { name: draft.name }),
      ...(draft.minLevel === group.minLevel ? {} : { minLevel: draft.minLevel }),
      ...(note === (group.note ?? '') ? {} : { note: note || null }),
    });
    if (!parsed.success) return parsed.error.issues[0]?.message ?? '请至少修改一项';
    await updateGroup(group.id, parsed.data);
    await Taro.showToast({ title: '已保存', icon: 'success' });
    await onDone(true);
    return null;
  };
  return (
    <View className="staff-form group-edit">
      <GroupForm
        initial={{ name: group.name, minLevel: group.minLevel, note: group.note ?? '' }}
        submitText="保存"
        onSubmit={save}
        onCancel={() => void onDone(false)}
      />
    </View>
  );
}
