import { BadRequestException } from '@nestjs/common';
import type { BalanceData, IndicatorKey, IndicatorValue } from '@asb/domain';
import { knownScheme } from '../schemes/scheme-catalogue';
import type { BalanceDataDto } from './dto/submit-balance-data.dto';

/** From the wire shape (indicators as a list) to the domain's; checks the year against the scheme. */
export const toBalanceData = (dto: BalanceDataDto, year: number): BalanceData => {
  if (dto.scheme) {
    const scheme = knownScheme(dto.scheme);
    if (!scheme) throw new BadRequestException({ code: 'UNKNOWN_SCHEME', message: `no scheme ${dto.scheme}`, field: 'scheme' });
    if (!scheme.years.includes(year)) {
      throw new BadRequestException({ code: 'YEAR_OUTSIDE_SCHEME', message: `${dto.scheme} covers ${scheme.years.join(', ')}, not ${year}`, field: 'year' });
    }
  }
  const indicators: Partial<Record<IndicatorKey, IndicatorValue>> = {};
  for (const [i, ind] of (dto.indicators ?? []).entries()) {
    if (indicators[ind.key]) throw new BadRequestException({ code: 'DUPLICATE_INDICATOR', message: `${ind.key} is given twice`, field: `indicators.${i}.key` });
    indicators[ind.key] = { value: ind.value, quality: ind.quality };
  }
  return {
    source: dto.source,
    sourceDocumentId: dto.sourceDocumentId,
    ...(dto.flows ? { flows: dto.flows.map((f) => ({ ...f })) } : {}),
    ...(dto.stockChange ? { stockChange: { ...dto.stockChange } } : {}),
    ...(dto.indicators ? { indicators } : {}),
    ...(dto.landUse ? { landUse: { ...dto.landUse } } : {}),
  };
};
