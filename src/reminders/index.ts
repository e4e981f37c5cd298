/**
 * @module Public surface of the reminders core (see README.md): pure rules that turn a case into dated
 * deadlines with their basis, the official working-day calendar, and alarm and badge planning.
 */
export type {
  AlarmPlanEntry,
  CaseAction,
  CaseActionType,
  CasePolicy,
  Deadline,
  DeadlineBasis,
  DeadlineState,
  ReminderInput,
} from '@/src/reminders/types';
export { computeDeadlines, deadlineState, DUE_SOON_MS, RULE_IDS, type RuleId } from '@/src/reminders/compute';
export { addWorkingDays, coveredCalendarYears, isWorkingDay } from '@/src/reminders/working-days';
export { alarmPlan, countDueWithin } from '@/src/reminders/alarms';
