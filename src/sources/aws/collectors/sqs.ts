import { GetQueueAttributesCommand, ListQueueTagsCommand, SQSClient, paginateListQueues } from "@aws-sdk/client-sqs";
import type { Resource } from "../../../model/resource.js";
import { SQS_QUEUE_TYPE } from "../../../model/types/sqs-queue.js";
import type { CollectContext, Collector } from "../contract.js";
import { SQS_QUEUE_MAPPER } from "../mappers/sqs-sns.js";
import { isNotFound, listAll, readOr } from "./read-helpers.js";

/** SQS queues, per region: ListQueues, then per queue GetQueueAttributes (All) and ListQueueTags. */
export const SQS_COLLECTOR: Collector = {
  service: "sqs",
  types: [SQS_QUEUE_TYPE],
  actions: ["sqs:ListQueues", "sqs:GetQueueAttributes", "sqs:ListQueueTags"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const sqs = ctx.client(SQSClient);
    return listAll(ctx, SQS_QUEUE_TYPE, "sqs:ListQueues", async () => {
      const urls: string[] = [];
      for await (const page of paginateListQueues({ client: sqs }, { MaxResults: 1000 })) urls.push(...(page.QueueUrls ?? []));
      const out = await ctx.map(urls, async (QueueUrl): Promise<Resource | undefined> => {
        let gone = false;
        const [Attributes, Tags] = await Promise.all([
          readOr(ctx, "sqs:GetQueueAttributes", async () => {
            try {
              return (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }))).Attributes ?? {};
            } catch (err) {
              gone = isNotFound(err) || (err as { name?: string }).name === "QueueDoesNotExist";
              throw err;
            }
          }),
          readOr(ctx, "sqs:ListQueueTags", async () => (await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags ?? {}),
        ]);
        return gone ? undefined : SQS_QUEUE_MAPPER.map({ QueueUrl, Attributes, Tags }, ctx.scope);
      });
      return out.filter((r): r is Resource => r !== undefined);
    });
  },
};
