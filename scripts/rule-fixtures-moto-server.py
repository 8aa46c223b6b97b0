"""moto server for scripts/regenerate-rule-fixtures.sh: scripts/example-moto-server.py (moto plus the
fixes the AWS provider needs), plus the read calls plumbline's live collectors make that moto lacks, so
a case's live form (resources.json) holds what AWS would answer instead of an unknown.

1. WAFv2 ListResourcesForWebACL is not implemented, though moto records the associations that
   AssociateWebACL makes (GetWebACLForResource reads them). The patch answers from those records.
2. AWS Backup selections (Create/Get/List/DeleteBackupSelection) are not implemented, so a plan's
   coverage cannot be applied or read. The patch keeps each selection as sent, per plan.
3. CloudTrail DescribeTrails ignores trailNameList: with two trails in an account the provider reads
   both ("too many results"). The patch keeps only the trails named (by name or ARN), as AWS does.
4. An ElastiCache cluster created without an engine version reports an empty one, which the provider
   cannot parse. AWS uses the engine's current default: the patch does the same.
5. KMS EnableKeyRotation drops RotationPeriodInDays and GetKeyRotationStatus never returns it, so a key
   rotated every two years would read as rotated yearly. The patch keeps the period (365 when not
   given) and returns it while rotation is on, as AWS does.
6. An Aurora Serverless v1 cluster reports StorageEncrypted false; AWS always encrypts them (with the
   aws/rds key unless one is given). The patch reports them encrypted.

Usage: python3 scripts/rule-fixtures-moto-server.py -H 127.0.0.1 -p PORT
"""

import importlib.util
import json
import os

# The example server's patches apply when its module loads (its main() runs only as a script).
_spec = importlib.util.spec_from_file_location(
    "example_moto_server", os.path.join(os.path.dirname(os.path.abspath(__file__)), "example-moto-server.py")
)
_example = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_example)

import inspect  # noqa: E402
import re  # noqa: E402
import uuid  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

from moto.backup.responses import BackupResponse  # noqa: E402
from moto.cloudtrail.responses import CloudTrailResponse  # noqa: E402
from moto.elasticache.models import ElastiCacheBackend  # noqa: E402
from moto.kms.models import kms_backends  # noqa: E402
from moto.kms.responses import KmsResponse  # noqa: E402
from moto.rds.models import RDSBackend  # noqa: E402
from moto.wafv2.responses import WAFV2Response  # noqa: E402

# ResourceType → the ARN service of the resources it lists (ListResourcesForWebACL's default is ALB).
_SERVICES = {
    "APPLICATION_LOAD_BALANCER": ":elasticloadbalancing:",
    "API_GATEWAY": ":apigateway:",
    "APPSYNC": ":appsync:",
    "COGNITO_USER_POOL": ":cognito-idp:",
    "APP_RUNNER_SERVICE": ":apprunner:",
    "VERIFIED_ACCESS_INSTANCE": ":ec2:",
}


def _list_resources_for_web_acl(self):
    body = json.loads(self.body)
    web_acl = self.wafv2_backend.get_web_acl(body["WebACLArn"], None, None)
    service = _SERVICES.get(body.get("ResourceType") or "APPLICATION_LOAD_BALANCER", "")
    arns = [arn for arn in web_acl.associated_resources if service in arn]
    return 200, {"Content-Type": "application/json"}, json.dumps({"ResourceArns": arns})


WAFV2Response.list_resources_for_web_acl = _list_resources_for_web_acl


def _selections(response):
    """The backend's selections: {plan id: {selection id: record}}."""
    backend = response.backup_backend
    if not hasattr(backend, "rule_fixture_selections"):
        backend.rule_fixture_selections = {}
    return backend.rule_fixture_selections


def _selection_path(response):
    m = re.search(r"/backup/plans/([^/]+)/selections/?([^/?]*)", response.path)
    return m.group(1), m.group(2)


def _create_backup_selection(self):
    plan_id, _ = _selection_path(self)
    body = json.loads(self.body)
    selection_id = str(uuid.uuid4())
    created = datetime.now(timezone.utc).timestamp()
    _selections(self).setdefault(plan_id, {})[selection_id] = {"BackupSelection": body["BackupSelection"], "CreationDate": created}
    return json.dumps({"SelectionId": selection_id, "BackupPlanId": plan_id, "CreationDate": created})


def _get_backup_selection(self):
    plan_id, selection_id = _selection_path(self)
    record = _selections(self).get(plan_id, {}).get(selection_id)
    if record is None:
        return 404, {"x-amzn-ErrorType": "ResourceNotFoundException"}, json.dumps({"__type": "ResourceNotFoundException", "Message": "selection not found"})
    return json.dumps({"BackupPlanId": plan_id, "SelectionId": selection_id, **record})


def _list_backup_selections(self):
    plan_id, _ = _selection_path(self)
    items = [
        {"SelectionId": sid, "SelectionName": r["BackupSelection"].get("SelectionName"), "BackupPlanId": plan_id,
         "CreationDate": r["CreationDate"], "IamRoleArn": r["BackupSelection"].get("IamRoleArn")}
        for sid, r in _selections(self).get(plan_id, {}).items()
    ]
    return json.dumps({"BackupSelectionsList": items})


def _delete_backup_selection(self):
    plan_id, selection_id = _selection_path(self)
    _selections(self).get(plan_id, {}).pop(selection_id, None)
    return "{}"


BackupResponse.create_backup_selection = _create_backup_selection
BackupResponse.get_backup_selection = _get_backup_selection
BackupResponse.list_backup_selections = _list_backup_selections
BackupResponse.delete_backup_selection = _delete_backup_selection


def _describe_named_trails(self):
    include_shadow_trails = self._get_bool_param("includeShadowTrails", True)
    trails = self.cloudtrail_backend.describe_trails(include_shadow_trails)
    names = self._get_param("trailNameList") or []
    if names:
        trails = [t for t in trails if t.trail_name in names or t.arn in names]
    return json.dumps({"trailList": [t.description(include_region=True) for t in trails]})


CloudTrailResponse.describe_trails = _describe_named_trails

_create_cache_cluster = ElastiCacheBackend.create_cache_cluster
_DEFAULT_ENGINE_VERSIONS = {"redis": "7.1", "valkey": "8.0", "memcached": "1.6.22"}


def _create_cache_cluster_with_version(self, *args, **kwargs):
    bound = inspect.signature(_create_cache_cluster).bind(self, *args, **kwargs)
    if not bound.arguments.get("engine_version"):
        engine = bound.arguments.get("engine") or "redis"
        bound.arguments["engine_version"] = _DEFAULT_ENGINE_VERSIONS.get(engine, "7.1")
    return _create_cache_cluster(*bound.args, **bound.kwargs)


ElastiCacheBackend.create_cache_cluster = _create_cache_cluster_with_version

_enable_key_rotation = KmsResponse.enable_key_rotation
_get_key_rotation_status = KmsResponse.get_key_rotation_status


def _enable_key_rotation_with_period(self):
    result = _enable_key_rotation(self)
    key = self.kms_backend.keys[self.kms_backend.get_key_id(self._get_param("KeyId"))]
    key.rule_fixture_rotation_period = self._get_param("RotationPeriodInDays") or 365
    return result


def _get_key_rotation_status_with_period(self):
    status = json.loads(_get_key_rotation_status(self))
    key = self.kms_backend.keys[self.kms_backend.get_key_id(self._get_param("KeyId"))]
    if status.get("KeyRotationEnabled"):
        status["RotationPeriodInDays"] = getattr(key, "rule_fixture_rotation_period", 365)
    status["KeyId"] = key.id
    return json.dumps(status)


KmsResponse.enable_key_rotation = _enable_key_rotation_with_period
KmsResponse.get_key_rotation_status = _get_key_rotation_status_with_period

_create_db_cluster = RDSBackend.create_db_cluster


def _create_db_cluster_serverless_encrypted(self, kwargs):
    cluster = _create_db_cluster(self, kwargs)
    if cluster.engine_mode == "serverless" and not cluster.storage_encrypted:
        cluster.storage_encrypted = True
        if not cluster.kms_key_id or cluster.kms_key_id == "default_kms_key_id":
            key_id = kms_backends[self.account_id][self.region_name].get_key_id_from_alias("alias/aws/rds")
            cluster.kms_key_id = f"arn:aws:kms:{self.region_name}:{self.account_id}:key/{key_id}"
    return cluster


RDSBackend.create_db_cluster = _create_db_cluster_serverless_encrypted

if __name__ == "__main__":
    _example.main()
