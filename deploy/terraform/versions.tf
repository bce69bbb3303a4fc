# Terraform >= 1.6 or OpenTofu >= 1.6. Providers pinned to exact versions;
# raise them deliberately (and read their changelogs): helm 3.x changes the
# provider block syntax.
terraform {
  required_version = ">= 1.6.0"

  required_providers {
    helm = {
      source  = "hashicorp/helm"
      version = "2.17.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "2.35.1"
    }
  }
}
