import { GetTopicAttributesCommand, ListTagsForResourceCommand, SNSClient, paginateListTopics } from "@aws-sdk/client-sns";
import type { Resource } from "../../../model/resource.js";
import { SNS_TOPIC_TYPE } from "../../../model/types/sns-topic.js";
import type { CollectContext, Collector } from "../contract.js";
import { SNS_TOPIC_MAPPER } from "../mappers/sqs-sns.js";
import { listAll, readOr } from "./read-helpers.js";

/** SNS topics, per region: ListTopics, then per topic GetTopicAttributes and ListTagsForResource. */
export const SNS_COLLECTOR: Collector = {
  service: "sns",
  types: [SNS_TOPIC_TYPE],
  actions: ["sns:ListTopics", "sns:GetTopicAttributes", "sns:ListTagsForResource"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const sns = ctx.client(SNSClient);
    return listAll(ctx, SNS_TOPIC_TYPE, "sns:ListTopics", async () => {
      const arns: string[] = [];
      for await (const page of paginateListTopics({ client: sns }, {})) for (const t of page.Topics ?? []) if (t.TopicArn) arns.push(t.TopicArn);
      return ctx.map(arns, async (TopicArn) => {
        const [Attributes, Tags] = await Promise.all([
          readOr(ctx, "sns:GetTopicAttributes", async () => (await sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes ?? {}),
          readOr(ctx, "sns:ListTagsForResource", async () => {
            const out: Record<string, string> = {};
            for (const t of (await sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }))).Tags ?? []) if (t.Key) out[t.Key] = t.Value ?? "";
            return out;
          }),
        ]);
        return SNS_TOPIC_MAPPER.map({ TopicArn, Attributes, Tags }, ctx.scope);
      });
    });
  },
};
