// An adapter entry that makes the mistake expectBundleWithoutZod exists for: zod at run time.
import * as z from 'zod/mini';

export const bodySchema = z.object({ message: z.string() });
