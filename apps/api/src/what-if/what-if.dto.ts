import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { QUALITY_CLASSES } from '@asb/domain';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { parameterValueSchema } from '../norm-sets/norm-set.schema';
import { json } from '../http/openapi';

export class NamedChangeDto {
  @ApiProperty({ example: 'kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold', description: 'a parameter by name: list entries by id (kpis[nSoilSurplus], components[nh3-per-ha]) or by number from 1 (tiers[2]); no bare indices' })
  @IsString() @Matches(/^[A-Za-z0-9_.\[\]-]{1,300}$/) path!: string;
  @ApiProperty(parameterValueSchema) @IsDefined() value!: unknown;
}
export class DraftDto {
  @ApiProperty({ example: 'drenthe-2025' }) @IsString() @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/) normSetId!: string;
  @ApiProperty({ type: [NamedChangeDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => NamedChangeDto) changes!: NamedChangeDto[];
}
export class YearsDto {
  @ApiProperty({ example: 2024 }) @IsInt() @Min(1998) @Max(2100) from!: number;
  @ApiProperty({ example: 2025 }) @IsInt() @Min(1998) @Max(2100) to!: number;
}
export class SimplificationDto {
  @ApiProperty({ example: 'nh3KgHa' }) @IsString() @Matches(/^[A-Za-z][A-Za-z0-9.]{0,99}$/) indicator!: string;
  @ApiProperty({ example: ['self-declared', 'default'], enum: QUALITY_CLASSES, isArray: true }) @IsArray() @ArrayMinSize(1) @IsIn(QUALITY_CLASSES, { each: true }) qualities!: string[];
  @ApiProperty({ example: 45, description: 'the default that replaces the weak figure' }) @IsNumber() value!: number;
}
export class UncertaintyDto {
  @ApiProperty({ example: 20, minimum: 0, maximum: 200, description: 'samples drawn within the margins of the data-quality classes (0: none)' }) @IsInt() @Min(0) @Max(200) samples!: number;
  // A whole number a double holds exactly: 2^53 + 1 would silently become another seed, and another sample.
  @ApiProperty({ example: 2025, minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, description: 'the seed: the same seed draws the same samples' })
  @IsInt()
  @Min(-Number.MAX_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  seed!: number;
}
export class ScenarioDto {
  @ApiProperty({ example: 'grassland thresholds +10, NH3 levy-free level 45' }) @IsString() @Length(3, 200) name!: string;
  @ApiProperty({ type: YearsDto }) @ValidateNested() @Type(() => YearsDto) years!: YearsDto;
  @ApiProperty({ type: [DraftDto] }) @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => DraftDto) drafts!: DraftDto[];
  @ApiPropertyOptional({ type: [SimplificationDto], description: "action 12's vereenvoudigingsopties: weak figures replaced by a default" })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SimplificationDto) simplifications?: SimplificationDto[];
  @ApiPropertyOptional({ type: UncertaintyDto }) @IsOptional() @ValidateNested() @Type(() => UncertaintyDto) uncertainty?: UncertaintyDto;
}

export class ScenarioIdParam {
  @ApiProperty({ example: 'sc-0123456789abcdef0123' }) @IsString() @Matches(/^sc-[0-9a-f]{20}$/) scenarioId!: string;
}
export class RunIdParam {
  @ApiProperty({ example: 'run-0123456789abcdef01234567' }) @IsString() @Matches(/^run-[0-9a-f]{24}$/) runId!: string;
}
export class ComparisonQuery {
  @ApiProperty({ description: 'a run id' }) @IsString() @Matches(/^run-[0-9a-f]{24}$/) a!: string;
  @ApiPropertyOptional({ description: 'another run id, or leave out to compare with the official record' }) @IsOptional() @IsString() @Matches(/^run-[0-9a-f]{24}$/) b?: string;
}

export class SavedScenario {
  @ApiProperty() scenarioId!: string;
  @ApiProperty({ type: ScenarioDto }) scenario!: ScenarioDto;
  @ApiProperty({ description: 'true when this Idempotency-Key had saved it before' }) replayed!: boolean;
}
/** The run's totals as its report shows them: null where small-count suppression hides them (D69). */
export class RunSummaryView {
  @ApiProperty({ type: Number, nullable: true }) farmYears!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'euro cents' }) subsidyDeltaCents!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'euro cents' }) levyDeltaCents!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'kg N' }) nSurplusDeltaKg!: number | null;
}
export class RunView {
  @ApiProperty() runId!: string;
  @ApiProperty({ description: 'the log position the run reads the official record up to' }) logPosition!: number;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the JSON report' }) reportSha256!: string | null;
  @ApiProperty({ type: RunSummaryView, nullable: true }) summary!: RunSummaryView | null;
}
export class ScenarioView {
  @ApiProperty() scenarioId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: ScenarioDto }) scenario!: ScenarioDto;
  @ApiProperty() draftedBy!: string;
  @ApiProperty() draftedAt!: string;
  @ApiProperty({ type: [RunView] }) runs!: RunView[];
}
export class ScenarioPage {
  @ApiProperty({ type: [ScenarioView] }) items!: ScenarioView[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}
export class RunRequested {
  @ApiProperty() runId!: string;
  @ApiProperty() scenarioId!: string;
  @ApiProperty() logPosition!: number;
  @ApiProperty({ description: 'false when this run (scenario and log) was asked for before' }) created!: boolean;
}
export class ProgressView {
  @ApiProperty() done!: number;
  @ApiProperty() total!: number;
  @ApiPropertyOptional({ example: 'farm-years computed' }) message?: string;
}
export class RunStatus {
  @ApiProperty() runId!: string;
  @ApiProperty({ enum: ['waiting', 'active', 'completed', 'failed', 'delayed'] }) state!: string;
  @ApiProperty({ type: ProgressView, nullable: true }) progress!: ProgressView | null;
  @ApiProperty({ type: String, nullable: true }) failedReason!: string | null;
}
/** A count or sum that small-count suppression may withhold (D61, D69): null where it is. */
const suppressible = json.nullable(json.number);
const intervalSchema = json.nullable(json.complete({ low: json.number, high: json.number }));
const measureTotalsSchema = json.complete({
  measure: json.string,
  unit: json.string,
  official: json.number,
  hypothetical: suppressible,
  delta: suppressible,
  interval: intervalSchema,
  farmYearsUp: suppressible,
  farmYearsDown: suppressible,
});
const groupCellSchema = json.complete({
  group: json.string,
  farmYears: suppressible,
  suppressed: json.boolean,
  figures: json.nullable(json.complete({ subsidyDeltaCents: suppressible, levyDeltaCents: suppressible, nSurplusDeltaKg: suppressible })),
});
/** A schema object as a property's options: the same JSON Schema, in the type @ApiProperty takes; */
// `selfRequired`: the property itself is required even where the schema lists its own `required` fields.
const described = (schema: SchemaObject, description: string) => ({ ...schema, description, selfRequired: true }) as ApiPropertyOptions;

export class MeasureComparison {
  @ApiProperty({ example: 'subsidyCents' }) measure!: string;
  @ApiProperty({ example: 'euro cent' }) unit!: string;
  @ApiProperty({ type: Number, nullable: true, description: "run a's figure; null where suppressed" }) a!: number | null;
  @ApiProperty(described(intervalSchema, "run a's interval over its samples; null without samples or where suppressed")) aInterval!: { low: number; high: number } | null;
  @ApiProperty({ type: Number, nullable: true, description: "run b's figure, or the official record's; null where suppressed" }) b!: number | null;
  @ApiProperty(described(intervalSchema, "run b's interval; null for the official record")) bInterval!: { low: number; high: number } | null;
  @ApiProperty({ type: Number, nullable: true, description: 'a − b; null where either is suppressed' }) difference!: number | null;
}
export class ComparisonView {
  @ApiProperty(described(json.complete({ name: json.string, logPosition: json.number }), 'run a')) a!: { name: string; logPosition: number };
  @ApiProperty(described(json.complete({ name: json.string, logPosition: json.number }), 'run b, or the official record')) b!: { name: string; logPosition: number };
  @ApiProperty({ type: [MeasureComparison] }) measures!: MeasureComparison[];
}
export class WhatIfReportView {
  @ApiProperty({ type: () => ScenarioDto, description: 'the scenario' }) scenario!: ScenarioDto;
  @ApiProperty() logPosition!: number;
  @ApiProperty(described(json.complete({ farmYears: suppressible, withOfficialResult: suppressible, withoutOfficialResult: suppressible, farmYearsChangingWithinMargin: suppressible, samples: json.number }), 'farm-years, with and without an official result, and samples; a count is null where it is suppressed')) counts!: Record<string, number | null>;
  @ApiProperty(described(json.array(measureTotalsSchema), 'per measure (subsidy, levies, kg N and P2O5 surplus, kg NH3, kg CO2-eq): official, scenario, change, interval')) totals!: Record<string, unknown>[];
  @ApiProperty(described(json.array(json.complete({ year: json.number, farmYears: suppressible, suppressed: json.boolean, totals: json.array(measureTotalsSchema) })), 'the same per year')) byYear!: Record<string, unknown>[];
  @ApiProperty(described(json.array(json.complete({ part: json.string, officialCents: json.number, hypotheticalCents: suppressible, deltaCents: suppressible, farmYearsChanged: suppressible })), 'per KPI and levy component: official, scenario, change in cents, farm-years changed')) parts!: Record<string, unknown>[];
  @ApiProperty(described(json.array(json.object({ normSetId: json.string, year: json.number, baseVersion: json.number, path: json.string, from: json.anyValue, to: json.anyValue }, ['normSetId', 'year', 'baseVersion', 'path'])), 'the changes as applied: norm set, year, version, named path, from, to')) changes!: Record<string, unknown>[];
  @ApiProperty(described(json.array(json.complete({ part: json.string, farmYearsBetter: suppressible, farmYearsWorse: suppressible, byTier: json.array(json.complete({ tier: json.number, official: suppressible, hypothetical: suppressible })) })), 'per KPI (per land use where it has tables): farm-years per tier number, official and scenario, and how many moved up or down')) tiers!: Record<string, unknown>[];
  @ApiProperty(described(json.array(json.complete({ part: json.string, farmYearsNewlyLevied: suppressible, farmYearsNoLongerLevied: suppressible })), 'per levy component: farm-years newly levied and no longer levied')) levyFreeLevel!: Record<string, unknown>[];
  @ApiProperty(described(json.complete({ farmYearsNewlyBlocked: suppressible, farmYearsNoLongerBlocked: suppressible }), 'farm-years newly blocked and no longer blocked by a finding (farm N surplus check, plausibility ranges); null where suppressed')) findings!: Record<string, number | null>;
  @ApiProperty(described(json.array(json.complete({ scheme: json.string, year: json.number, ceilingCents: json.number, reservedCents: json.number, officialCents: suppressible, hypotheticalCents: suppressible, reservedSharePct: json.string, officialSharePct: json.nullable(json.string), hypotheticalSharePct: json.nullable(json.string) })), 'per drafted scheme and year: the ceiling, the budget reserved by grants less releases, and the subsidy earned against it (official and scenario)')) budget!: Record<string, unknown>[];
  @ApiProperty(described(json.array(json.complete({ fromCents: json.number, toCents: json.number, farmYears: suppressible })), 'histogram of per-farm-year changes in cents; buckets below the minimum group size have no count')) distribution!: Record<string, unknown>[];
  @ApiProperty({ description: 'below this many farm-years a group shows no figures' }) minGroupSize!: number;
  @ApiProperty({ description: 'the run counts fewer farm-years than minGroupSize: no figure computed from them is shown, nor any farm-year (D69)' }) belowMinimum!: boolean;
  @ApiProperty(described(json.complete({ byProvince: json.array(groupCellSchema), byArea: json.array(groupCellSchema), bySoil: json.array(groupCellSchema), byProvinceAndArea: json.array(groupCellSchema) }), 'groups by province, area and soil; groups below the minimum size are suppressed')) groups!: Record<string, unknown>;
  @ApiProperty(described(json.array(json.complete({ farm: json.string, year: json.number, recorded: json.boolean, officialSubsidyCents: json.number, hypotheticalSubsidyCents: json.number, officialLevyCents: json.number, hypotheticalLevyCents: json.number })), 'farm-years under pseudonyms only')) farms!: Record<string, unknown>[];
}
