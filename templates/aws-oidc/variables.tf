variable "github_owner" {
  description = "GitHub organization or user that owns the repository (exact, no wildcards)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}$", var.github_owner))
    error_message = "github_owner must be a GitHub user or organization name, without wildcards."
  }
}

variable "github_repo" {
  description = "Repository name (exact, no wildcards)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,100}$", var.github_repo))
    error_message = "github_repo must be a repository name, without wildcards."
  }
}

variable "apply_environment" {
  description = "GitHub environment whose jobs may assume the apply role (protect it with required reviewers)."
  type        = string
  default     = "production"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,255}$", var.apply_environment))
    error_message = "apply_environment must be an environment name, without wildcards."
  }
}

variable "plan_extra_subjects" {
  description = "More exact OIDC subjects allowed to assume the plan role, e.g. repo:OWNER/REPO:environment:plan for /agent plan dispatches. No wildcards."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.plan_extra_subjects : can(regex("^repo:[^*?]+$", s))])
    error_message = "plan_extra_subjects must be exact subjects starting with repo: and must not contain * or ?."
  }
}

variable "apply_policy_arns" {
  description = "Managed policy ARNs for the apply role: grant only what your Terraform manages."
  type        = list(string)

  validation {
    condition     = length(var.apply_policy_arns) > 0
    error_message = "Give the apply role at least one policy."
  }
}

variable "plan_cost_estimates" {
  description = "Let the plan role call pricing:GetProducts so the plan comment shows the monthly cost change."
  type        = bool
  default     = true
}

variable "state_bucket" {
  description = "S3 bucket holding the Terraform state, so the plan role can read it and take the lock file (empty: none)."
  type        = string
  default     = ""
}

variable "lock_table" {
  description = "DynamoDB table used for state locking, if any (empty: none; S3 native locking needs none)."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { ManagedBy = "terraform", Purpose = "github-oidc" }
}

variable "drift_branch" {
  description = "Default branch the scheduled drift workflow plans with the read-only plan role; empty disables that subject."
  type        = string
  default     = "main"

  validation {
    condition     = var.drift_branch == "" || can(regex("^[A-Za-z0-9._/-]{1,200}$", var.drift_branch))
    error_message = "drift_branch must be a plain branch name (no wildcards)."
  }
}
