import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { restoreDocument, type Architecture, type Branch } from '../model';
import { exportTemplate } from './export';
import { importTemplateGraph } from './import';
import { aslFromSteps, stepsFromAsl } from './stateMachines';

function doc(definition: Branch, workflowType = 'standard', extraNodes: unknown[] = [], extraEdges: [string, string][] = []): Architecture {
  const r = restoreDocument({
    format: 'serverless-sandbox',
    version: 1,
    name: 'flows',
    nodes: [
      { id: 'flow', type: 'stepFunctions', label: 'Order flow', config: { workflowType, definition } },
      { id: 'fnA', type: 'lambda' },
      { id: 'fnB', type: 'lambda' },
      { id: 'fnC', type: 'lambda' },
      { id: 'fnD', type: 'lambda' },
      ...extraNodes,
    ],
    edges: extraEdges.map(([source, target], i) => ({ id: `x${i}`, source, target })),
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.document;
}

const EVERY_STEP: Branch = [
  { type: 'task', target: 'fnA', retry: { maxAttempts: 5, intervalS: 2, backoffRate: 1.5 }, catch: true },
  { type: 'wait', seconds: 30 },
  { type: 'parallel', branches: [['fnB'], [{ type: 'pass' }, 'fnC']] },
  { type: 'map', target: 'fnD', items: 25, maxConcurrency: 4, retry: { maxAttempts: 2, intervalS: 1, backoffRate: 2 }, catch: false },
  {
    type: 'choice',
    branches: [
      { weight: 3, steps: [{ type: 'task', target: 'fnA', retry: null, catch: false }] },
      { weight: 1, steps: [] },
    ],
  },
  { type: 'pass' },
];

const normalised = (d: Architecture, id: string) => restoreDocument(d).ok && (d.nodes.find((n) => n.id === id)!.config as { definition: Branch }).definition;

describe('state machine export and import', () => {
  it('writes an AWS::Serverless::StateMachine whose ASL reads back as the same steps', () => {
    const d = doc(EVERY_STEP, 'express');
    const text = exportTemplate(d);
    const t = parse(text);
    const sm = t.Resources.flow;
    expect(sm.Type).toBe('AWS::Serverless::StateMachine');
    expect(sm.Properties.Type).toBe('EXPRESS');
    expect(sm.Properties.DefinitionSubstitutions).toEqual({
      fnAArn: { 'Fn::GetAtt': ['fnA', 'Arn'] },
      fnBArn: { 'Fn::GetAtt': ['fnB', 'Arn'] },
      fnCArn: { 'Fn::GetAtt': ['fnC', 'Arn'] },
      fnDArn: { 'Fn::GetAtt': ['fnD', 'Arn'] },
    });
    expect(sm.Properties.Policies).toContainEqual({ LambdaInvokePolicy: { FunctionName: { Ref: 'fnA' } } });
    const states = sm.Properties.Definition.States as Record<string, Record<string, unknown>>;
    const types = Object.values(states).map((s) => s.Type);
    for (const type of ['Task', 'Wait', 'Parallel', 'Map', 'Choice', 'Pass']) expect(types).toContain(type);
    const task = Object.values(states).find((s) => s.Type === 'Task' && Array.isArray(s.Catch))!;
    expect(task.Retry).toEqual([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 1.5 }]);

    // the steps come back from the ASL itself, not only from the sandbox metadata
    const steps = stepsFromAsl(
      sm.Properties.Definition,
      (v) => (typeof v === 'string' ? /^\$\{(fn[A-D])Arn\}$/.exec(v)?.[1] : undefined),
      () => {},
    );
    expect(steps).toEqual([
      ...EVERY_STEP.slice(0, 2),
      {
        type: 'parallel',
        branches: [
          [{ type: 'task', target: 'fnB', retry: null, catch: false }],
          [{ type: 'pass' }, { type: 'task', target: 'fnC', retry: null, catch: false }],
        ],
      },
      { ...(EVERY_STEP[3] as object), items: 10 },
      ...EVERY_STEP.slice(4),
    ]);

    const back = importTemplateGraph(text, 'exported.yaml');
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    const flow = back.document.nodes.find((n) => n.id === 'flow')!;
    expect(flow.label).toBe('Order flow');
    expect(flow.config).toMatchObject({ workflowType: 'express' });
    // the Map's item count is the one setting ASL cannot say: kept in the metadata
    expect(normalised(back.document, 'flow')).toEqual(normalised(d, 'flow'));
    const edges = back.document.edges
      .filter((e) => e.source === 'flow')
      .map((e) => e.target)
      .sort();
    expect(edges).toEqual(['fnA', 'fnB', 'fnC', 'fnD']);
  });

  it('keeps who starts the machine: a REST API event, an HTTP API in the metadata, a rule target, a function with a policy', () => {
    const d = doc(
      ['fnA'],
      'standard',
      [
        { id: 'rest', type: 'apiGateway', config: { flavor: 'rest' } },
        { id: 'http', type: 'apiGateway', config: { flavor: 'http' } },
        { id: 'nightly', type: 'eventbridge', config: { schedule: 'rate(1 day)' } },
        { id: 'starter', type: 'lambda' },
      ],
      [
        ['rest', 'flow'],
        ['http', 'flow'],
        ['nightly', 'flow'],
        ['starter', 'flow'],
      ],
    );
    const text = exportTemplate(d);
    const t = parse(text);
    expect(t.Resources.flow.Properties.Events.Fromrest).toEqual({ Type: 'Api', Properties: { RestApiId: { Ref: 'rest' }, Path: '/flow', Method: 'POST' } });
    expect(t.Resources.starter.Properties.Policies).toContainEqual({ StepFunctionsExecutionPolicy: { StateMachineName: { 'Fn::GetAtt': ['flow', 'Name'] } } });
    expect(t.Resources.nightly.Properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': ['flow', 'Arn'] });
    expect(text).toMatch(/SAM state machine events support REST APIs only/);
    const back = importTemplateGraph(text, 'exported.yaml');
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    const into = back.document.edges
      .filter((e) => e.target === 'flow')
      .map((e) => e.source)
      .sort();
    expect(into).toEqual(['http', 'nightly', 'rest', 'starter']);
  });

  it('reads plain CloudFormation DefinitionString inside !Sub, ARNs by physical name, and says what it does not understand', () => {
    const r = importTemplateGraph(
      JSON.stringify({
        Resources: {
          Worker: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'worker-fn', Runtime: 'nodejs22.x' } },
          Flow: {
            Type: 'AWS::StepFunctions::StateMachine',
            Properties: {
              StateMachineName: 'my-flow',
              StateMachineType: 'STANDARD',
              DefinitionString: {
                'Fn::Sub': JSON.stringify({
                  StartAt: 'A',
                  States: {
                    A: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:worker-fn', Next: 'B' },
                    B: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Next: 'C' },
                    C: { Type: 'Wait', TimestampPath: '$.at', Next: 'D' },
                    D: { Type: 'Choice', Choices: [{ Variable: '$.again', BooleanEquals: true, Next: 'A' }], Default: 'E' },
                    E: { Type: 'Succeed' },
                  },
                }),
              },
            },
          },
        },
      }),
      'cfn.json',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const flow = r.document.nodes.find((n) => n.id === 'Flow')!;
    expect(flow.label).toBe('my-flow');
    const def = (flow.config as { definition: Branch }).definition;
    expect(def[0]).toEqual({ type: 'task', target: 'Worker', retry: null, catch: false });
    expect(def[1]).toEqual({ type: 'pass' });
    expect(def[2]).toEqual({ type: 'wait', seconds: 1 });
    expect(def[3]).toMatchObject({ type: 'choice' });
    const w = r.warnings.join('\n');
    expect(w).toMatch(/Flow: not understood: Task state "B" calls sqs:sendMessage\.waitForTaskToken/);
    expect(w).toMatch(/Wait state "C" waits for TimestampPath/);
    expect(w).toMatch(/a loop back to state "A"/);
    expect(w).not.toMatch(/AWS::StepFunctions::StateMachine is not modelled/);
    expect(r.document.edges.map((e) => `${e.source}>${e.target}`)).toEqual(['Flow>Worker']);
  });

  it('a DefinitionUri is named as not read; the machine is imported empty', () => {
    const r = importTemplateGraph(
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: statemachine/flow.asl.json\n',
      't.yaml',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((r.document.nodes[0].config as { definition: Branch }).definition).toEqual([]);
    expect(r.warnings.join('\n')).toMatch(/M: its definition is not in the template \(a DefinitionUri or S3 file is not read\)/);
  });

  it('aslFromSteps writes a machine for an empty definition', () => {
    expect(aslFromSteps([], () => 'x')).toMatchObject({ StartAt: 'Start', States: { Start: { Type: 'Pass', End: true } } });
  });
});
