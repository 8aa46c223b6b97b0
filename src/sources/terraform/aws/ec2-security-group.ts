import { EC2_SECURITY_GROUP_TYPE } from "../../../model/types/ec2-security-group.js";
import { isUnknown } from "../../../model/values.js";
import type { PropsBuilder } from "./build.js";
import type { TfInstance } from "../instance.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { compact, num, str, tfType } from "./tf-reader.js";

/**
 * aws_security_group (inline ingress/egress) + aws_security_group_rule + aws_vpc_security_group_ingress_rule
 * / _egress_rule → AWS::EC2::SecurityGroup. Rules are expanded to one entry per source, as the EC2 API and
 * CloudFormation list them. In state, the group's own ingress/egress mirror rules made by the separate
 * rule resources, so identical entries are merged. Id: the sg- id.
 */
const RULE_FIELDS = [
  "cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids", "security_groups", "self", "from_port", "to_port", "protocol", "description",
] as const;
export const TF_SECURITY_GROUP = tfType("aws_security_group", [
  "id", "arn", "name", "description", "vpc_id", "ingress", "egress",
  ...RULE_FIELDS.map((f) => `ingress.${f}` as const),
  ...RULE_FIELDS.map((f) => `egress.${f}` as const),
]);
export const TF_SECURITY_GROUP_RULE = tfType("aws_security_group_rule", [
  "security_group_id", "type", "cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids", "source_security_group_id", "self",
  "from_port", "to_port", "protocol", "description",
]);
const VPC_RULE_FIELDS = [
  "security_group_id", "cidr_ipv4", "cidr_ipv6", "prefix_list_id", "referenced_security_group_id", "from_port", "to_port",
  "ip_protocol", "description",
] as const;
export const TF_VPC_SG_INGRESS_RULE = tfType("aws_vpc_security_group_ingress_rule", VPC_RULE_FIELDS);
export const TF_VPC_SG_EGRESS_RULE = tfType("aws_vpc_security_group_egress_rule", VPC_RULE_FIELDS);

type Direction = "ingress" | "egress";
/** "ingress.cidr_blocks"...: built once, not per rule read. */
const FIELD_PATHS = Object.fromEntries(
  (["ingress", "egress"] as const).map((dir) => [dir, Object.fromEntries(RULE_FIELDS.map((f) => [f, `${dir}.${f}` as const]))]),
) as Record<Direction, Record<(typeof RULE_FIELDS)[number], `${Direction}.${(typeof RULE_FIELDS)[number]}`>>;
const PROP: Record<Direction, string> = { ingress: "SecurityGroupIngress", egress: "SecurityGroupEgress" };

/** "all" and "-1" both mean every protocol; the API reports "-1". */
function protocol(v: unknown): unknown {
  const s = str(v);
  return s === "all" ? "-1" : s;
}

interface RuleParts {
  protocol: unknown;
  from: unknown;
  to: unknown;
  description: unknown;
  cidrs: unknown;
  cidrs6: unknown;
  prefixLists: unknown;
  groups: unknown;
}

/** One entry per source; a list that is Unknown gives one entry whose source is that Unknown. */
function expand(dir: Direction, p: RuleParts): Array<Record<string, unknown>> {
  const base = compact({ IpProtocol: protocol(p.protocol), FromPort: num(p.from), ToPort: num(p.to), Description: str(p.description) }) ?? {};
  const peerKeys =
    dir === "ingress"
      ? { pl: "SourcePrefixListId", sg: "SourceSecurityGroupId" }
      : { pl: "DestinationPrefixListId", sg: "DestinationSecurityGroupId" };
  const out: Array<Record<string, unknown>> = [];
  const add = (key: string, list: unknown) => {
    if (list === undefined) return;
    for (const v of isUnknown(list) || !Array.isArray(list) ? [list] : list) {
      if (v !== undefined && v !== "") out.push({ ...base, [key]: v });
    }
  };
  add("CidrIp", p.cidrs);
  add("CidrIpv6", p.cidrs6);
  add(peerKeys.pl, p.prefixLists);
  add(peerKeys.sg, p.groups);
  return out;
}

function addRules(b: PropsBuilder, dir: Direction, rules: Array<Record<string, unknown>>, attr: string, from: TfInstance): void {
  const cur = b.props[PROP[dir]];
  if (isUnknown(cur)) return;
  // Nothing to merge with (the group's own rules, the common case): no need to compare entries.
  let fresh = rules;
  if (Array.isArray(cur) && cur.length > 0) {
    const seen = new Set(cur.map((r) => JSON.stringify(r)));
    fresh = rules.filter((r) => !seen.has(JSON.stringify(r)));
  }
  if (fresh.length || !Array.isArray(cur)) b.append(PROP[dir], fresh, attr, from);
}

export const SECURITY_GROUP_MAPPING = resourceMapping(TF_SECURITY_GROUP, EC2_SECURITY_GROUP_TYPE, (r, b, inst) => {
  const id = r.get("id");
  b.set("GroupId", str(id), "id");
  b.set("GroupName", str(r.get("name")), "name");
  b.set("GroupDescription", str(r.get("description")), "description");
  b.default("GroupDescription", "Managed by Terraform"); // provider docs: description "Defaults to Managed by Terraform"
  b.set("VpcId", str(r.get("vpc_id")), "vpc_id");
  for (const dir of ["ingress", "egress"] as const) {
    const items = r.each(dir);
    if (isUnknown(items)) {
      b.set(PROP[dir], items, dir);
      continue;
    }
    if (r.get(dir) === undefined) continue;
    const paths = FIELD_PATHS[dir];
    const rules = items.flatMap((x) => {
      const f = (name: (typeof RULE_FIELDS)[number]) => x.get(paths[name]);
      const groups = f("security_groups");
      const self = f("self") === true ? [id] : [];
      return expand(dir, {
        protocol: f("protocol"),
        from: f("from_port"),
        to: f("to_port"),
        description: f("description"),
        cidrs: f("cidr_blocks"),
        cidrs6: f("ipv6_cidr_blocks"),
        prefixLists: f("prefix_list_ids"),
        groups: isUnknown(groups) ? groups : [...(Array.isArray(groups) ? groups : []), ...self],
      });
    });
    addRules(b, dir, rules, dir, inst);
  }
  return { ident: { id, name: r.get("name"), arn: r.get("arn") }, keys: [id, r.get("arn")] };
});

export const SECURITY_GROUP_CHILD_MAPPINGS = [
  childMapping(TF_SECURITY_GROUP_RULE, EC2_SECURITY_GROUP_TYPE, ["security_group_id"], (r, b, inst, parent) => {
    const type = r.get("type");
    if (type !== "ingress" && type !== "egress") return;
    const src = r.get("source_security_group_id");
    const self = r.get("self") === true ? [parent.ident.id] : [];
    const rules = expand(type, {
      protocol: r.get("protocol"),
      from: r.get("from_port"),
      to: r.get("to_port"),
      description: r.get("description"),
      cidrs: r.get("cidr_blocks"),
      cidrs6: r.get("ipv6_cidr_blocks"),
      prefixLists: r.get("prefix_list_ids"),
      groups: [...(str(src) !== undefined ? [src] : []), ...self],
    });
    addRules(b, type, rules, "type", inst);
  }),
  ...(["ingress", "egress"] as const).map((dir) =>
    childMapping(dir === "ingress" ? TF_VPC_SG_INGRESS_RULE : TF_VPC_SG_EGRESS_RULE, EC2_SECURITY_GROUP_TYPE, ["security_group_id"], (r, b, inst) => {
      const one = (v: unknown) => (str(v) === undefined ? undefined : [v]);
      const rules = expand(dir, {
        protocol: r.get("ip_protocol"),
        from: r.get("from_port"),
        to: r.get("to_port"),
        description: r.get("description"),
        cidrs: one(r.get("cidr_ipv4")),
        cidrs6: one(r.get("cidr_ipv6")),
        prefixLists: one(r.get("prefix_list_id")),
        groups: one(r.get("referenced_security_group_id")),
      });
      addRules(b, dir, rules, "ip_protocol", inst);
    }),
  ),
];
