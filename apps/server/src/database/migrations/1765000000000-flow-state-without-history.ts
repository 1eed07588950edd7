import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A flow instance's state no longer carries its whole history: every step rewrote it (8.6 KB by the end of
 * a repair, more for each return), though `flow_transition` already holds the timeline. The state keeps
 * `seq` (transitions so far) and `visits` (task nodes entered, per branch, most recent last: what `return`
 * chooses from). Task nodes are those the instance made a task for; the engine drops the visits of closed
 * branches at its next step.
 */
export class FlowStateWithoutHistory1765000000000 implements MigrationInterface {
  name = 'FlowStateWithoutHistory1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE flow_instance i
         SET state = (i.state - 'history') || jsonb_build_object(
               'seq', jsonb_array_length(i.state->'history'),
               'visits', CASE WHEN i.status <> 'running' THEN '[]'::jsonb ELSE COALESCE((
                 SELECT jsonb_agg(jsonb_build_object('node', v.node, 'branch', v.branch) ORDER BY v.last)
                   FROM (SELECT entry->>'toNode' AS node, COALESCE(entry->'branch', '[]') AS branch,
                                max(position) AS last
                           FROM jsonb_array_elements(i.state->'history') WITH ORDINALITY AS h (entry, position)
                          WHERE entry->>'action' = 'enter'
                            AND EXISTS (SELECT 1 FROM jsonb_array_elements(i.state->'tasks') AS t (task)
                                         WHERE t.task->>'nodeKey' = entry->>'toNode')
                          GROUP BY 1, 2) v), '[]') END)
       WHERE i.state ? 'history'`);
  }

  /** The history comes back from the timeline, without the token ids and branches it never stored. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE flow_instance i
         SET state = (i.state - 'seq' - 'visits') || jsonb_build_object('history', COALESCE((
               SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                        'seq', t.seq, 'at', to_jsonb(t.at), 'actor', COALESCE(t.actor_id::text, 'system'),
                        'fromNode', t.from_node, 'toNode', t.to_node, 'action', t.action, 'data', t.data))
                        ORDER BY t.seq)
                 FROM flow_transition t WHERE t.instance_id = i.id), '[]'))
       WHERE i.state ? 'seq'`);
  }
}
