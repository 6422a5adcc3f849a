import { inRegion } from '@dangjian/db';
import { people } from '@dangjian/db/schema';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { createTRPCRouter, scopedProcedure } from '../trpc';

export const personRouter = createTRPCRouter({
  /**
   * Shows one person's ID number in full. ID numbers are encrypted at rest and masked everywhere
   * else; revealing one is a deliberate act, allowed to the roles that need it and audited.
   */
  revealIdNumber: scopedProcedure
    .input(z.object({ personId: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) => {
      const [person] = await ctx.db
        .select({ id: people.id, name: people.name, regionCode: people.regionCode, idNumberEnc: people.idNumberEnc })
        .from(people)
        .where(and(eq(people.id, input.personId), inRegion(people.regionCode, ctx.scope.code)));
      if (!person) throw new TRPCError({ code: 'NOT_FOUND', message: `人员（编号 ${input.personId}）不存在或不在本辖区` });
      if (!person.idNumberEnc) throw new TRPCError({ code: 'NOT_FOUND', message: `${person.name} 未登记身份证号` });
      ctx.audit({ target: `person:${person.id}`, regionCode: person.regionCode, after: { revealed: 'idNumber' } });
      return { personId: person.id, name: person.name, idNumber: ctx.pii.decrypt(person.idNumberEnc) };
    }),
});
