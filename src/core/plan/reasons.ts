/** Terraform's `action_reason` and deferral reasons, in words a reviewer understands. */
const ACTION_REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: "the object is tainted",
  replace_because_cannot_update: "an attribute cannot be changed in place",
  replace_by_request: "replacement was requested (-replace)",
  replace_by_triggers: "replace_triggered_by changed",
  delete_because_no_resource_config: "removed from the configuration",
  delete_because_no_module: "its module was removed from the configuration",
  delete_because_wrong_repetition: "count/for_each was added or removed",
  delete_because_count_index: "its count index no longer exists",
  delete_because_each_key: "its for_each key no longer exists",
  delete_because_no_move_target: "the target of its moved block does not exist",
  read_because_config_unknown: "its configuration depends on values known only after apply",
  read_because_dependency_pending: "a dependency has pending changes",
  read_because_check_nested: "a check block reads it",
};

const DEFERRAL_REASONS: Readonly<Record<string, string>> = {
  instance_count_unknown: "count/for_each is known only after apply",
  resource_config_unknown: "its configuration is known only after apply",
  provider_config_unknown: "its provider configuration is known only after apply",
  absent_prereq: "a prerequisite does not exist yet",
  deferred_prereq: "it depends on another deferred change",
};

export function describeActionReason(reason: string): string {
  return ACTION_REASONS[reason] ?? reason.replace(/_/g, " ");
}

export function describeDeferral(reason: string): string {
  return DEFERRAL_REASONS[reason] ?? reason.replace(/_/g, " ");
}
