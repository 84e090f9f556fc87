import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CertificateError, errorMessage, type Bill, type Certificate, type Unit } from '@itss/shared';
import { useCallback, useEffect, useState } from 'react';
import { Card, Section } from '@/components/section';
import { ErrorState, Loading } from '@/components/state';
import { ApiError } from '@/services/http';
import { downloadWithToken, releaseDownload } from '@/services/download';
import { isH5 } from '@/services/session';
import { useRequest } from '@/services/useRequest';
import { ROUTES } from '@/routes';
import { copyText, openPage } from '@/utils/actions';
import { beijingToday, levelName } from '@/utils/format';
import { certificateImagePath, getUnitCertificate } from '@/packages/certificates/api';
import { downloadCertificatePdf, saveCertificateImage } from './save';
import './index.scss';

/** Why the unit has no certificate this year (the server's words), or the certificate itself. */
type Loaded = { certificate: Certificate } | { refused: string };

const REFUSALS: readonly string[] = [CertificateError.NotPaid, CertificateError.UnitInactive];

async function loadCertificate(unitId: number): Promise<Loaded> {
  try {
    return { certificate: await getUnitCertificate(unitId) };
  } catch (thrown) {
    if (thrown instanceof ApiError && REFUSALS.includes(thrown.code)) return { refused: thrown.message };
    throw thrown;
  }
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className="certificate-card__line">
      <Text className="certificate-card__label">{label}</Text>
      <Text className="certificate-card__value">{value}</Text>
    </View>
  );
}

/** The certificate's image, downloaded with the token; let go when no longer shown. */
function useCertificateImage(unitId: number) {
  const load = useCallback(() => downloadWithToken(certificateImagePath(unitId)), [unitId]);
  const { state, reload } = useRequest(load);
  const localPath = state.status === 'success' ? state.data : null;
  useEffect(
    () => () => {
      if (localPath) releaseDownload(localPath);
    },
    [localPath],
  );
  return { state, reload, localPath };
}

function CertificateBody({ unitId, certificate }: { unitId: number; certificate: Certificate }) {
  const image = useCertificateImage(unitId);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (!image.localPath || saving) return;
    setSaving(true);
    try {
      await saveCertificateImage(image.localPath, certificate);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card className="certificate-card">
      <View className="certificate-card__picture">
        {image.state.status === 'loading' ? <Loading /> : null}
        {image.state.status === 'error' ? (
          <ErrorState message={image.state.error.message} onRetry={() => void image.reload()} />
        ) : null}
        {image.localPath ? (
          <Image
            className="certificate-card__image"
            src={image.localPath}
            mode="widthFix"
            showMenuByLongpress
            onClick={() => {
              const src = image.localPath;
              if (src) void Taro.previewImage({ urls: [src], current: src });
            }}
          />
        ) : null}
      </View>
      <View className="certificate-card__lines">
        <Line label="证书编号" value={certificate.number} />
        <Line label="会员级别" value={levelName(certificate.level)} />
        <Line label="有效年度" value={`${certificate.year} 年度`} />
        <Line label="有效期至" value={certificate.validThrough} />
      </View>
      <View className="certificate-card__actions">
        <Button
          className="certificate-card__save"
          disabled={!image.localPath || saving || undefined}
          onClick={() => void save()}
        >
          {isH5() ? '下载图片' : '保存到相册'}
        </Button>
        <Button
          className="certificate-card__pdf"
          onClick={() => void downloadCertificatePdf(unitId, certificate)}
        >
          下载 PDF
        </Button>
      </View>
      <View className="certificate-card__verify">
        <Text className="certificate-card__verify-text">
          扫描证书上的二维码即可核验会籍，也可将核验链接放在单位官网或投标文件中。
        </Text>
        <Text className="certificate-card__copy" onClick={() => void copyText(certificate.verifyUrl)}>
          复制核验链接
        </Text>
      </View>
    </Card>
  );
}

function Refused({ unitId, reason }: { unitId: number; reason: string }) {
  return (
    <Card className="certificate-card certificate-card--refused">
      <Text className="certificate-card__reason">{reason}</Text>
      <Text className="certificate-card__hint">本年度会费缴清后，即可在此查看、保存和下载电子会员证书。</Text>
      <Button className="certificate-card__dues" onClick={() => openPage(ROUTES.dues, { unitId })}>
        前往会费
      </Button>
    </Card>
  );
}

/**
 * Why the unit can have no certificate now, read from what 我的单位 already shows: not active, or
 * this year's bills (Beijing) not all paid or waived; null when the server may issue it. Only spares a
 * request the server would refuse: it still decides, and its 409 is shown the same way.
 */
export function certificateBlock(
  unit: Pick<Unit, 'status'>,
  bills: readonly Pick<Bill, 'year' | 'status'>[],
  year: number = Number(beijingToday().slice(0, 4)),
): string | null {
  if (unit.status !== 'active') return errorMessage(CertificateError.UnitInactive);
  const ofYear = bills.filter((bill) => bill.year === year && bill.status !== 'void');
  const settled =
    ofYear.length > 0 && ofYear.every((bill) => bill.status === 'paid' || bill.status === 'waived');
  return settled ? null : errorMessage(CertificateError.NotPaid);
}

function CertificateLoader({ unitId }: { unitId: number }) {
  const load = useCallback(() => loadCertificate(unitId), [unitId]);
  const { state, reload } = useRequest(load);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  if ('refused' in state.data) return <Refused unitId={unitId} reason={state.data.refused} />;
  return <CertificateBody unitId={unitId} certificate={state.data.certificate} />;
}

/**
 * 电子会员证书 of the unit 我的单位 shows, for its contacts: the current year's certificate as an
 * image to save (保存到相册) and as a PDF (下载 PDF), with its number and validity; while the year's
 * dues are unpaid or the unit is not active, why not, and the way to 会费. Given the page's unit and
 * bills, so it says what the bills on the same page say (a pull-down refreshes both).
 */
export function CertificateCard({
  unit,
  bills,
}: {
  unit: Pick<Unit, 'id' | 'status'>;
  bills: readonly Pick<Bill, 'year' | 'status'>[];
}) {
  const blocked = certificateBlock(unit, bills);
  return (
    <Section title="电子会员证书" className="certificate-section">
      {blocked ? <Refused unitId={unit.id} reason={blocked} /> : <CertificateLoader unitId={unit.id} />}
    </Section>
  );
}
