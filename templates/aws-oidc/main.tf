# GitHub's OIDC identity provider, a read-only plan role for pull requests, and an apply role that only a
# job in the protected environment can assume. Subjects are exact: no wildcards anywhere in `sub`.

locals {
  oidc_host     = "token.actions.githubusercontent.com"
  repository    = "${var.github_owner}/${var.github_repo}"
  plan_subject  = "repo:${local.repository}:pull_request"
  apply_subject = "repo:${local.repository}:environment:${var.apply_environment}"
  # The scheduled drift check plans the default branch with the read-only plan role.
  drift_subjects = var.drift_branch == "" ? [] : ["repo:${local.repository}:ref:refs/heads/${var.drift_branch}"]
}

data "aws_partition" "current" {}

resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://${local.oidc_host}"
  client_id_list = ["sts.amazonaws.com"]
  tags           = var.tags
}

data "aws_iam_policy_document" "plan_trust" {
  statement {
    sid     = "GitHubPullRequestPlans"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:sub"
      values   = concat([local.plan_subject], local.drift_subjects, var.plan_extra_subjects)
    }
  }
}

resource "aws_iam_role" "plan" {
  name                 = "${var.github_repo}-terraform-plan"
  description          = "Read-only role for terraform plan from ${local.repository} pull requests"
  assume_role_policy   = data.aws_iam_policy_document.plan_trust.json
  max_session_duration = 3600
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "plan_read_only" {
  role       = aws_iam_role.plan.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess"
}

# The plan comment's monthly cost comes from the Price List Query API; it has no resource-level permissions.
data "aws_iam_policy_document" "plan_pricing" {
  count = var.plan_cost_estimates ? 1 : 0

  statement {
    sid       = "PriceListForCostEstimates"
    actions   = ["pricing:GetProducts"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "plan_pricing" {
  count  = var.plan_cost_estimates ? 1 : 0
  name   = "price-list"
  role   = aws_iam_role.plan.id
  policy = data.aws_iam_policy_document.plan_pricing[0].json
}

data "aws_iam_policy_document" "plan_state" {
  count = var.state_bucket == "" ? 0 : 1

  statement {
    sid       = "ReadState"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.state_bucket}", "arn:${data.aws_partition.current.partition}:s3:::${var.state_bucket}/*"]
  }

  statement {
    sid       = "TakeTheLockFile"
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.state_bucket}/*.tflock"]
  }

  dynamic "statement" {
    for_each = var.lock_table == "" ? [] : [var.lock_table]
    content {
      sid       = "TakeTheLockItem"
      actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
      resources = ["arn:${data.aws_partition.current.partition}:dynamodb:*:*:table/${statement.value}"]
    }
  }
}

resource "aws_iam_role_policy" "plan_state" {
  count  = var.state_bucket == "" ? 0 : 1
  name   = "terraform-state"
  role   = aws_iam_role.plan.id
  policy = data.aws_iam_policy_document.plan_state[0].json
}

data "aws_iam_policy_document" "apply_trust" {
  statement {
    sid     = "GitHubProtectedEnvironment"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:sub"
      values   = [local.apply_subject]
    }
  }
}

resource "aws_iam_role" "apply" {
  name                 = "${var.github_repo}-terraform-apply"
  description          = "Apply role for ${local.repository}, only from the ${var.apply_environment} environment"
  assume_role_policy   = data.aws_iam_policy_document.apply_trust.json
  max_session_duration = 3600
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "apply" {
  for_each   = toset(var.apply_policy_arns)
  role       = aws_iam_role.apply.name
  policy_arn = each.value
}
