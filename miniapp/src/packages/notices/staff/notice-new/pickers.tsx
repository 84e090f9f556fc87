import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { TextInput } from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { getManagedArticles } from '@/packages/news/api';
import { getUnits } from '@/packages/unit/api';

export interface Chosen {
  id: number;
  name: string;
}

/** A name search (field and button) and its results; tapping a result chooses it. */
function Search({
  block,
  placeholder,
  find,
  onPick,
}: {
  block: string;
  placeholder: string;
  find: (q: string) => Promise<Chosen[]>;
  onPick: (chosen: Chosen) => void;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Chosen[] | null>(null);
  const { busy, error, run } = useTask();
  const search = () => run(async () => setFound(await find(q.trim())));
  return (
    <View className={`notice-picker ${block}`}>
      <View className="notice-picker__row">
        <TextInput
          className={`staff-form__input notice-picker__input ${block}__input`}
          confirmType="search"
          maxlength={60}
          placeholder={placeholder}
          value={q}
          onChange={setQ}
          onConfirm={() => void search()}
        />
        <Button
          className={`notice-picker__search ${block}__search`}
          size="mini"
          loading={busy}
          onClick={() => void search()}
        >
          搜索
        </Button>
      </View>
      {error ? <Text className="staff-form__error">{error}</Text> : null}
      {found && !found.length ? <Text className="notice-picker__hint">没有找到</Text> : null}
      {found?.map((item) => (
        <View
          key={item.id}
          className={`notice-picker__option ${block}__option`}
          onClick={() => {
            onPick(item);
            setFound(null);
          }}
        >
          {item.name}
        </View>
      ))}
    </View>
  );
}

/** An optional published article the notice leads to. */
export function ArticlePicker({
  article,
  onChange,
}: {
  article: Chosen | null;
  onChange: (article: Chosen | null) => void;
}) {
  if (article)
    return (
      <View className="notice-picker__row notice-article">
        <Text className="notice-picker__item notice-article__chosen">{article.name}</Text>
        <Button
          className="notice-picker__search notice-article__clear"
          size="mini"
          onClick={() => onChange(null)}
        >
          不链接
        </Button>
      </View>
    );
  return (
    <Search
      block="notice-article"
      placeholder="搜索已发布的文章标题（可不选）"
      find={async (q) =>
        (await getManagedArticles({ state: 'published', q: q || undefined }, null)).items.map((item) => ({
          id: item.id,
          name: item.title,
        }))
      }
      onPick={onChange}
    />
  );
}

/** The chosen units, each removable by a tap, and a search to add more. */
export function UnitsPicker({ units, onChange }: { units: Chosen[]; onChange: (units: Chosen[]) => void }) {
  return (
    <View className="notice-units">
      {units.length ? (
        <View className="notice-picker__chosen">
          {units.map((unit) => (
            <View
              key={unit.id}
              className="notice-picker__item notice-units__chosen"
              onClick={() => onChange(units.filter((other) => other.id !== unit.id))}
            >
              {unit.name} ×
            </View>
          ))}
        </View>
      ) : null}
      <Search
        block="notice-units"
        placeholder="输入会员单位名称搜索"
        find={async (q) =>
          (await getUnits({ q: q || undefined }, null, 10)).items
            .filter((unit) => unit.status !== 'removed')
            .map((unit) => ({ id: unit.id, name: unit.name }))
        }
        onPick={(unit) => {
          if (!units.some((other) => other.id === unit.id)) onChange([...units, unit]);
        }}
      />
    </View>
  );
}
