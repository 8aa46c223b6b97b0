"""moto server for scripts/regenerate-example.sh, with two emulator gaps patched.

1. moto 5.2 looks trails up by name only in StartLogging / StopLogging / DeleteTrail,
   while the AWS provider (v5) passes the trail ARN, which AWS accepts. Unpatched,
   `aws_cloudtrail` retries StartLogging until it times out. The patch resolves an
   ARN to the trail name first.
2. CreateReplicationGroup lists member clusters (<group>-001, ...) but does not
   create them, so the provider's DescribeCacheClusters on the first member gets
   CacheClusterNotFound. The patch creates the member clusters, as AWS does, with
   the group's encryption and security groups (the provider reads them there).
   It also honours NumCacheClusters, which moto ignores (always one node).
3. Parameters set with ModifyDBParameterGroup come back without Source=user, so
   the provider drops them from state (rds.force_ssl would vanish). The patch
   marks them as user parameters, as AWS does.
4. CloudFront drops an origin's OriginAccessControlId, reports the default
   certificate as in use next to an ACM certificate, and invents ForwardedValues
   for a behaviour that uses a cache policy. The patch keeps what was sent.
5. An RDS instance encrypted without KmsKeyId reports the key as the literal
   "default_kms_key_id"; AWS reports the ARN of the AWS-managed aws/rds key.
6. ECS CreateService drops availabilityZoneRebalancing, which the provider always
   sends (default DISABLED), so every service shows drift. The patch keeps it.

Everything else is stock moto.

Usage: python3 scripts/example-moto-server.py -H 127.0.0.1 -p PORT
"""

import inspect

from moto.cloudfront import models as cloudfront
from moto.cloudtrail.models import CloudTrailBackend
from moto.ecs.responses import EC2ContainerServiceResponse
from moto.elasticache.models import ElastiCacheBackend, ReplicationGroup
from moto.kms.models import kms_backends
from moto.rds.models import DBParameterGroup, RDSBackend
from moto.server import main


def _by_name(method):
    def patched(self, name, *args, **kwargs):
        if name.startswith("arn:"):
            name = next((t.trail_name for t in self.trails.values() if t.arn == name), name)
        return method(self, name, *args, **kwargs)

    return patched


for _method in ("start_logging", "stop_logging", "delete_trail"):
    setattr(CloudTrailBackend, _method, _by_name(getattr(CloudTrailBackend, _method)))


_create_group = ElastiCacheBackend.create_replication_group
_cluster_params = inspect.signature(ElastiCacheBackend.create_cache_cluster).parameters


def _create_group_with_members(self, *args, **kwargs):
    group = _create_group(self, *args, **kwargs)
    given = inspect.signature(_create_group).bind(self, *args, **kwargs).arguments
    for cluster_id in group.member_clusters:
        if cluster_id in self.cache_clusters:
            continue
        cluster_args = {name: given.get(name) for name in _cluster_params if name != "self"}
        cluster_args.update(
            cache_cluster_id=cluster_id,
            replication_group_id=group.replication_group_id,
            num_cache_nodes=1,
            az_mode="single-az",
            snapshot_arns=None,
        )
        cluster = self.create_cache_cluster(**cluster_args)
        cluster.at_rest_encryption_enabled = group.at_rest_encryption_enabled
        cluster.security_groups = [
            {"SecurityGroupId": sg, "Status": "active"} for sg in (given.get("security_group_ids") or [])
        ]
    return group


ElastiCacheBackend.create_replication_group = _create_group_with_members

_set_members = ReplicationGroup._set_node_members_clusters_disabled


def _set_members_counted(self, *, num_cache_clusters, replicas_per_node_group, **kwargs):
    if not replicas_per_node_group and num_cache_clusters and num_cache_clusters > 1:
        replicas_per_node_group = num_cache_clusters - 1
    _set_members(self, num_cache_clusters=num_cache_clusters, replicas_per_node_group=replicas_per_node_group, **kwargs)


ReplicationGroup._set_node_members_clusters_disabled = _set_members_counted


_update_parameters = DBParameterGroup.update_parameters


def _update_user_parameters(self, new_parameters):
    _update_parameters(self, [{**p, "Source": "user"} for p in new_parameters])


DBParameterGroup.update_parameters = _update_user_parameters


_origin_init = cloudfront.Origin.__init__
_certificate_init = cloudfront.ViewerCertificate.__init__
_behaviour_init = cloudfront.DefaultCacheBehaviour.__init__


def _origin_with_oac(self, origin):
    _origin_init(self, origin)
    self.origin_access_control_id = origin.get("OriginAccessControlId") or ""


def _certificate_as_sent(self, config):
    _certificate_init(self, config)
    if "CloudFrontDefaultCertificate" not in config and (config.get("ACMCertificateArn") or config.get("IAMCertificateId")):
        self.cloud_front_default_certificate = False


def _behaviour_as_sent(self, config):
    _behaviour_init(self, config)
    if "ForwardedValues" not in config and config.get("CachePolicyId"):
        self.forwarded_values = None


cloudfront.Origin.__init__ = _origin_with_oac
cloudfront.ViewerCertificate.__init__ = _certificate_as_sent
cloudfront.DefaultCacheBehaviour.__init__ = _behaviour_as_sent


_create_db_instance = RDSBackend.create_db_instance


def _create_db_instance_managed_key(self, db_kwargs):
    database = _create_db_instance(self, db_kwargs)
    if database.storage_encrypted and database.kms_key_id == "default_kms_key_id":
        key_id = kms_backends[self.account_id][self.region_name].get_key_id_from_alias("alias/aws/rds")
        database.kms_key_id = f"arn:aws:kms:{self.region_name}:{self.account_id}:key/{key_id}"
    return database


RDSBackend.create_db_instance = _create_db_instance_managed_key


_create_service = EC2ContainerServiceResponse.create_service


def _create_service_keeping_rebalancing(self):
    result = _create_service(self)
    result.result["service"].availability_zone_rebalancing = self._get_param("availabilityZoneRebalancing")
    return result


EC2ContainerServiceResponse.create_service = _create_service_keeping_rebalancing

if __name__ == "__main__":
    main()
