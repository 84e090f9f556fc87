import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { CertificateError, ErrorCode, type CertificateVerification } from '@itss/shared';
import { useCallback, useMemo } from 'react';
import { usePullToRefresh } from '@/components/kit/use-pull-to-refresh';
import { Card } from '@/components/section';
import { ErrorState, Loading } from '@/components/state';
import { ApiError } from '@/services/http';
import { useRequest } from '@/services/useRequest';
import { openDirectory } from '@/utils/actions';
import { formatBeijingTime, levelName } from '@/utils/format';
import { verifyCertificate } from '@/packages/certificates/api';
import { verifyCodeOf } from '@/packages/certificates/verify-code';
import './index.scss';

/** A code that names no certificate: the server says nothing about any unit, and neither do we. */
const UNKNOWN = new Set<string>([CertificateError.NotFound, ErrorCode.NotFound]);

type Verified = { verification: CertificateVerification; checkedAt: string } | { unknown: true };

async function check(code: string): Promise<Verified> {
  try {
    return { verification: await verifyCertificate(code), checkedAt: new Date().toISOString() };
  } catch (thrown) {
    if (thrown instanceof ApiError && UNKNOWN.has(thrown.code)) return { unknown: true };
    throw thrown;
  }
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className="verify-line">
      <Text className="verify-line__label">{label}</Text>
      <Text className="verify-line__value">{value}</Text>
    </View>
  );
}

function Result({ verification, checkedAt }: { verification: CertificateVerification; checkedAt: string }) {
  const { valid, attendance } = verification;
  const validText = attendance
    ? '该培训证明由 ITSS 分会颁发，真实有效'
    : '该单位为 ITSS 分会会员单位，会籍有效';
  return (
    <View className="verify">
      <View className={`verify-verdict verify-verdict--${valid ? 'valid' : 'invalid'}`} role="status">
        <View className="verify-verdict__mark">{valid ? '✓' : '✕'}</View>
        <Text className="verify-verdict__word">{valid ? '有效' : '无效'}</Text>
        <Text className="verify-verdict__text">{valid ? validText : verification.statusText}</Text>
      </View>
      {attendance ? (
        <Card className="verify-card">
          <Line label="证书类型" value="培训证明" />
          <Line label="姓名" value={attendance.name} />
          {verification.unitName && <Line label="单位" value={verification.unitName} />}
          <Line label="培训名称" value={attendance.eventTitle} />
          <Line label="培训日期" value={attendance.attendedOn} />
          <Line label="培训学时" value={`${attendance.hours} 学时`} />
          <Line label="证书编号" value={verification.number} />
          <Line label="核验结果" value={verification.statusText} />
        </Card>
      ) : (
        <Card className="verify-card">
          <Line label="单位名称" value={verification.unitName} />
          {verification.level && <Line label="会员级别" value={levelName(verification.level)} />}
          <Line label="证书编号" value={verification.number} />
          <Line label="证书年度" value={`${verification.year} 年度`} />
          <Line label="有效期至" value={verification.validThrough} />
          <Line label="核验结果" value={verification.statusText} />
        </Card>
      )}
      <Text className="verify-note">
        {attendance
          ? '核验结果依据 ITSS 分会的培训签到记录实时生成。'
          : '核验结果依据该单位在 ITSS 分会的当前会籍状态实时生成。'}
        核验时间：{formatBeijingTime(checkedAt)}
      </Text>
    </View>
  );
}

/** A code that names no certificate, one that cannot be a code, or none at all (a cut-off link). */
function Unknown({ missing = false }: { missing?: boolean }) {
  return (
    <View className="verify">
      <View className="verify-verdict verify-verdict--unknown" role="alert">
        <View className="verify-verdict__mark">?</View>
        <Text className="verify-verdict__word">证书编号无效</Text>
        <Text className="verify-verdict__text">
          {missing
            ? '链接中没有证书校验码。请使用微信扫描电子会员证书或培训证明上的二维码，或打开证书上的完整核验链接。'
            : '未找到该证书。请核对二维码或链接是否完整，或联系 ITSS 分会会员服务部核实。'}
        </Text>
      </View>
    </View>
  );
}

function Verification({ code }: { code: string }) {
  const load = useCallback(() => check(code), [code]);
  const { state, reload, refresh } = useRequest(load);
  usePullToRefresh(refresh);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  if ('unknown' in state.data) return <Unknown />;
  return <Result {...state.data} />;
}

/**
 * 证书核验: the public page a certificate's QR code opens (in WeChat through `?q=`, in a browser
 * through the server's `/verify?code=`). No sign-in: anyone holding the certificate may check it.
 * A membership certificate shows the unit's live standing, never a person; a certificate of
 * attendance shows who attended which training, as printed on it.
 */
export default function VerifyPage() {
  const { params } = useRouter();
  const { code, q } = params;
  const target = useMemo(() => verifyCodeOf({ code, q }), [code, q]);
  return (
    <View className="page verify-page">
      <View className="verify-banner">
        <Text className="verify-banner__title">证书核验</Text>
        <Text className="verify-banner__desc">ITSS 分会电子会员证书、培训证明实时核验</Text>
      </View>
      {target.kind === 'code' ? <Verification code={target.code} /> : null}
      {target.kind === 'malformed' ? <Unknown /> : null}
      {target.kind === 'none' ? <Unknown missing /> : null}
      <View className="verify-more" onClick={openDirectory}>
        <Text className="verify-more__text">查看 ITSS 分会会员名录</Text>
        <View className="link-arrow" />
      </View>
    </View>
  );
}
