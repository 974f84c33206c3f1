import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import { streams } from '../shared/streams';
import type { WhatIfScenario } from './scenario';

/**
 * A saved scenario (issue 17, D52): its own stream, never one of the official record's. Drafted once;
 * each run asks for the report on the log up to a position and completes with the digest of the
 * report, so the same run on the same log is seen to give the same bytes.
 */
export const whatIfScenarioStream = streams.whatIfScenario;
export const WHAT_IF_STREAM_PREFIX = streams.whatIfScenario('');

/** A finished run's totals as the report shows them: null where the report suppresses them (D69; older runs have numbers). */
export type RunSummary = Readonly<{ farmYears: number | null; subsidyDeltaCents: number | null; levyDeltaCents: number | null; nSurplusDeltaKg: number | null }>;

export type WhatIfScenarioDrafted = DomainEvent<'WhatIfScenarioDrafted', { scenarioId: string; scenario: WhatIfScenario; draftedBy: string; draftedAt: string }>;
export type WhatIfRunRequested = DomainEvent<'WhatIfRunRequested', { scenarioId: string; runId: string; logPosition: number; requestedBy: string; requestedAt: string }>;
export type WhatIfRunCompleted = DomainEvent<'WhatIfRunCompleted', { scenarioId: string; runId: string; reportSha256: string; summary: RunSummary; completedAt: string }>;
export type WhatIfScenarioEvent = WhatIfScenarioDrafted | WhatIfRunRequested | WhatIfRunCompleted;

export type DraftScenario = Command<'DraftScenario', { scenarioId: string; scenario: WhatIfScenario; draftedBy: string; draftedAt: string }>;
export type RequestRun = Command<'RequestRun', { scenarioId: string; runId: string; logPosition: number; requestedBy: string; requestedAt: string }>;
export type CompleteRun = Command<'CompleteRun', { scenarioId: string; runId: string; reportSha256: string; summary: RunSummary; completedAt: string }>;
export type WhatIfScenarioCommand = DraftScenario | RequestRun | CompleteRun;

export type WhatIfScenarioState = Readonly<{
  scenario: WhatIfScenario | null;
  runs: Readonly<Record<string, Readonly<{ logPosition: number; reportSha256: string | null }>>>;
}>;

export const whatIfScenarioDecider: Decider<WhatIfScenarioState, WhatIfScenarioCommand, WhatIfScenarioEvent> = {
  initialState: () => ({ scenario: null, runs: {} }),
  decide: (command, state) => {
    switch (command.type) {
      case 'DraftScenario':
        if (state.scenario) return refuse('SCENARIO_EXISTS', `scenario ${command.data.scenarioId} is drafted already`, 'conflict', 'scenarioId');
        return [{ type: 'WhatIfScenarioDrafted', data: command.data }];
      case 'RequestRun': {
        if (!state.scenario) return refuse('SCENARIO_NOT_FOUND', `no scenario ${command.data.scenarioId}`, 'not_found', 'scenarioId');
        // The same run (scenario and log position) is asked for once; asking again finds it.
        if (Object.hasOwn(state.runs, command.data.runId)) return [];
        return [{ type: 'WhatIfRunRequested', data: command.data }];
      }
      case 'CompleteRun': {
        const run = Object.hasOwn(state.runs, command.data.runId) ? state.runs[command.data.runId] : undefined;
        if (!run) return refuse('RUN_NOT_FOUND', `run ${command.data.runId} was not requested`, 'not_found', 'runId');
        if (run.reportSha256 === command.data.reportSha256) return [];
        // A second computation of the same run that gives other bytes is a fault, never a new fact.
        if (run.reportSha256 !== null) return refuse('REPORT_DIFFERS', `run ${command.data.runId} completed with another report`, 'conflict', 'runId');
        return [{ type: 'WhatIfRunCompleted', data: command.data }];
      }
      default:
        return assertNever(command);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'WhatIfScenarioDrafted':
        return { ...state, scenario: event.data.scenario };
      case 'WhatIfRunRequested':
        return { ...state, runs: { ...state.runs, [event.data.runId]: { logPosition: event.data.logPosition, reportSha256: null } } };
      case 'WhatIfRunCompleted': {
        const run = state.runs[event.data.runId];
        return { ...state, runs: { ...state.runs, [event.data.runId]: { logPosition: run?.logPosition ?? 0, reportSha256: event.data.reportSha256 } } };
      }
      default:
        return assertNever(event);
    }
  },
};
