/** An incident: events from several sources that report the same happening. */
import { z } from 'zod';

export const IncidentRole = z.enum(['report', 'claim']);
export type IncidentRole = z.infer<typeof IncidentRole>;

export const IncidentMemberSchema = z.object({
  incident_id: z.string(),
  event_id: z.string(),
  role: IncidentRole,
  /** Link score 0–1 against the incident's anchor, with the reasons that produced it. */
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()).default([]),
});
export type IncidentMember = z.infer<typeof IncidentMemberSchema>;

export const IncidentSchema = z.object({
  id: z.string(),
  members: z.array(IncidentMemberSchema),
});
export type Incident = z.infer<typeof IncidentSchema>;
