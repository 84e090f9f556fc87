import { actionsFrom, canTransition, defineStateMachine, statesLeadingTo } from './state-machine';
import {
  APPLICATION_STATES,
  APPLICATION_STATE_MACHINE,
  ARTICLE_STATES,
  ARTICLE_STATE_MACHINE,
  GROUP_TASK_STATES,
  GROUP_TASK_STATE_MACHINE,
  JOIN_REQUEST_STATES,
  JOIN_REQUEST_STATE_MACHINE,
  OPEN_APPLICATION_STATES,
  AWAITING_STAFF_STATES,
  UNIT_STATUSES,
  UNIT_STATUS_MACHINE,
} from './index';

type Light = 'red' | 'green' | 'amber';

describe('state machines', () => {
  const light = defineStateMachine<Light>({ red: ['green'], green: ['amber'], amber: ['red'] });

  it('answers whether a move exists, and which moves leave a state', () => {
    expect(canTransition(light, 'red', 'green')).toBe(true);
    expect(canTransition(light, 'red', 'amber')).toBe(false);
    expect(canTransition(light, 'red', 'red')).toBe(false);
    expect(actionsFrom(light, 'green')).toEqual(['amber']);
    expect(statesLeadingTo(light, 'red')).toEqual(['amber']);
  });

  it('cannot be changed once defined', () => {
    expect(Object.isFrozen(light)).toBe(true);
    expect(Object.isFrozen(light.red)).toBe(true);
  });

  it.each([
    ['applications', APPLICATION_STATE_MACHINE, APPLICATION_STATES],
    ['articles', ARTICLE_STATE_MACHINE, ARTICLE_STATES],
    ['units', UNIT_STATUS_MACHINE, UNIT_STATUSES],
    ['join requests', JOIN_REQUEST_STATE_MACHINE, JOIN_REQUEST_STATES],
    ['group tasks', GROUP_TASK_STATE_MACHINE, GROUP_TASK_STATES],
  ] as const)(
    '%s: every state is in the table, and every move leads to a state',
    (_name, machine, states) => {
      expect(Object.keys(machine).sort()).toEqual([...states].sort());
      for (const to of Object.values(machine).flat()) expect(states).toContain(to);
    },
  );

  it('an application is open exactly while a move is left from it', () => {
    expect(
      APPLICATION_STATES.filter((state) => actionsFrom(APPLICATION_STATE_MACHINE, state).length > 0),
    ).toEqual([...OPEN_APPLICATION_STATES]);
  });

  it('staff have to decide on submitted and resubmitted applications alike', () => {
    expect(AWAITING_STAFF_STATES).toEqual(['submitted', 'resubmitted']);
  });

  it('a submission in review is published or rejected; staff articles never reach rejected', () => {
    expect(actionsFrom(ARTICLE_STATE_MACHINE, 'in_review')).toEqual(['published', 'rejected']);
    expect(statesLeadingTo(ARTICLE_STATE_MACHINE, 'rejected')).toEqual(['in_review']);
    expect(actionsFrom(ARTICLE_STATE_MACHINE, 'archived')).toEqual([]);
  });

  it('a removed unit stays removed', () => {
    expect(actionsFrom(UNIT_STATUS_MACHINE, 'removed')).toEqual([]);
    expect(canTransition(UNIT_STATUS_MACHINE, 'suspended', 'active')).toBe(true);
  });
});
