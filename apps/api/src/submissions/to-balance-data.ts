import { BadRequestException } from '@nestjs/common';
import { ownValue, type BalanceData, type IndicatorKey, type IndicatorValue, type IndicatorVocabulary } from '@asb/domain';
import type { NormSetCatalogueView } from '@asb/ledger';
import type { BalanceDataDto } from './dto/submit-balance-data.dto';

const refuseField = (code: string, field: string, problem: string) => {
  throw new BadRequestException({ code, message: `${field}: ${problem}`, field, fields: [{ field, problems: [problem] }] });
};

/**
 * From the wire shape (indicators as a list) to the domain's; checks the scheme and year against the
 * catalogue of published schemes, the source and each indicator key against what the published
 * catalogues declare (D40), naming the field of the list. The decider checks the keys again from the
 * vocabulary the command carries.
 */
export const toBalanceData = (dto: BalanceDataDto, year: number, catalogue: NormSetCatalogueView, vocabulary: IndicatorVocabulary, sources: readonly string[]): BalanceData => {
  if (!sources.includes(dto.source)) refuseField('INVALID_INPUT', 'source', `${dto.source} is not a data source any published catalogue declares`);
  if (dto.scheme) {
    const scheme = catalogue.scheme(dto.scheme);
    if (!scheme) throw new BadRequestException({ code: 'UNKNOWN_SCHEME', message: `no scheme ${dto.scheme}`, field: 'scheme' });
    if (!scheme.years.includes(year)) {
      throw new BadRequestException({ code: 'YEAR_OUTSIDE_SCHEME', message: `${dto.scheme} covers ${scheme.years.join(', ')}, not ${year}`, field: 'year' });
    }
  }
  const indicators: Partial<Record<IndicatorKey, IndicatorValue>> = {};
  for (const [i, ind] of (dto.indicators ?? []).entries()) {
    const type = ownValue(vocabulary, ind.key);
    if (type === undefined) refuseField('UNKNOWN_INDICATOR', `indicators.${i}.key`, `${ind.key} is not an indicator any published indicator catalogue declares`);
    if (type !== (typeof ind.value === 'boolean' ? 'boolean' : 'number')) refuseField('INVALID_INPUT', `indicators.${i}.value`, `${ind.key} takes ${type === 'boolean' ? 'true or false' : 'a finite number'}`);
    if (Object.hasOwn(indicators, ind.key)) throw new BadRequestException({ code: 'DUPLICATE_INDICATOR', message: `${ind.key} is given twice`, field: `indicators.${i}.key` });
    indicators[ind.key] = { value: ind.value, quality: ind.quality };
  }
  return {
    source: dto.source,
    sourceDocumentId: dto.sourceDocumentId,
    ...(dto.flows ? { flows: dto.flows.map((f) => ({ ...f })) } : {}),
    ...(dto.stockChange ? { stockChange: { ...dto.stockChange } } : {}),
    ...(dto.indicators ? { indicators } : {}),
    ...(dto.landUse ? { landUse: { ...dto.landUse } } : {}),
    ...(dto.model !== undefined ? { model: dto.model } : {}),
    ...(dto.modelVersion !== undefined ? { modelVersion: dto.modelVersion } : {}),
  };
};
