import { Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { FormField } from '@/components/kit/form';
import { Card, Section } from '@/components/section';
import { openPrivacyPolicy } from '@/utils/actions';
import type { ApplicationForm, FieldErrors } from '../../form';

function Check({
  checked,
  children,
  onToggle,
}: {
  checked: boolean;
  children: ReactNode;
  onToggle: () => void;
}) {
  return (
    <View className="apply-consent" onClick={onToggle}>
      <View
        className={checked ? 'apply-consent__box apply-consent__box--on' : 'apply-consent__box'}
        role="checkbox"
        aria-checked={checked}
      />
      <View className="apply-consent__text">{children}</View>
    </View>
  );
}

/** A link inside a consent's text: it opens the document without ticking the box. */
function DocumentLink({ title, onOpen }: { title: string; onOpen: () => void }) {
  return (
    <Text
      className="apply-link"
      onClick={(event) => {
        event.stopPropagation();
        onOpen();
      }}
    >
      {title}
    </Text>
  );
}

interface ConsentsProps {
  consents: ApplicationForm['consents'];
  errors: FieldErrors;
  /** 工作守则: the members' obligations the applicant agrees to. */
  rules: string[];
  onToggle: (key: keyof ApplicationForm['consents']) => void;
}

/** 声明: the 工作守则 (shown in place) and the privacy policy, each ticked on its own. */
export function Consents({ consents, errors, rules, onToggle }: ConsentsProps) {
  const [rulesOpen, setRulesOpen] = useState(false);
  return (
    <Section title="声明">
      <Card>
        <FormField block="apply-field" error={errors['consents.rules']}>
          <Check checked={consents.rules} onToggle={() => onToggle('rules')}>
            <Text>我已阅读并同意</Text>
            <DocumentLink title="《工作守则》" onOpen={() => setRulesOpen(!rulesOpen)} />
          </Check>
          {rulesOpen ? (
            <View className="apply-rules">
              {rules.map((rule, index) => (
                <Text key={rule} className="apply-rules__item">
                  {index + 1}. {rule}
                </Text>
              ))}
            </View>
          ) : null}
        </FormField>
        <FormField block="apply-field" error={errors['consents.privacy']}>
          <Check checked={consents.privacy} onToggle={() => onToggle('privacy')}>
            <Text>我已阅读并同意</Text>
            <DocumentLink title="《隐私政策》" onOpen={openPrivacyPolicy} />
          </Check>
        </FormField>
      </Card>
    </Section>
  );
}
