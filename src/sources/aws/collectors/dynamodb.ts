import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTagsOfResourceCommand,
  paginateListTables,
  type Tag,
} from "@aws-sdk/client-dynamodb";
import type { Resource } from "../../../model/resource.js";
import { DYNAMODB_TABLE_TYPE } from "../../../model/types/dynamodb-table.js";
import type { CollectContext, Collector } from "../contract.js";
import { DYNAMODB_TABLE_MAPPER } from "../mappers/dynamodb-table.js";
import { isNotFound, listAll, readOr, unreadableResource } from "./read-helpers.js";

/**
 * DynamoDB tables, per region: ListTables, then per table DescribeTable (encryption, deletion
 * protection, billing), DescribeContinuousBackups (PITR: DescribeTable does not say) and
 * ListTagsOfResource. A table deleted between the list and its describe is skipped.
 */
export const DYNAMODB_COLLECTOR: Collector = {
  service: "dynamodb",
  types: [DYNAMODB_TABLE_TYPE],
  actions: ["dynamodb:ListTables", "dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:ListTagsOfResource"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const ddb = ctx.client(DynamoDBClient);
    return listAll(ctx, DYNAMODB_TABLE_TYPE, "dynamodb:ListTables", async () => {
      const names: string[] = [];
      for await (const page of paginateListTables({ client: ddb }, { Limit: 100 })) names.push(...(page.TableNames ?? []));
      const tables = await ctx.map(names, async (name): Promise<Resource | undefined> => {
        let Table;
        try {
          Table = (await ddb.send(new DescribeTableCommand({ TableName: name }))).Table;
        } catch (err) {
          if (isNotFound(err)) return undefined;
          return unreadableResource(ctx.scope, { type: DYNAMODB_TABLE_TYPE, id: name, name }, ctx.failure(err, "dynamodb:DescribeTable"));
        }
        if (!Table) return undefined;
        const [ContinuousBackups, Tags] = await Promise.all([
          readOr(ctx, "dynamodb:DescribeContinuousBackups", async () =>
            (await ddb.send(new DescribeContinuousBackupsCommand({ TableName: name }))).ContinuousBackupsDescription,
          ),
          Table.TableArn ? readOr(ctx, "dynamodb:ListTagsOfResource", () => tagsOf(ddb, Table.TableArn!)) : undefined,
        ]);
        return DYNAMODB_TABLE_MAPPER.map({ Table, ContinuousBackups, Tags }, ctx.scope);
      });
      return tables.filter((t): t is Resource => t !== undefined);
    });
  },
};

/** ListTagsOfResource pages with NextToken (the SDK has no paginator for it). */
async function tagsOf(ddb: DynamoDBClient, arn: string): Promise<Tag[]> {
  const tags: Tag[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: arn, NextToken }));
    tags.push(...(page.Tags ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return tags;
}
