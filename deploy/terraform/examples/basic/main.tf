# A medium installation on an existing cluster: managed PostgreSQL, Redis and
# RabbitMQ over TLS, Temporal Cloud with mTLS, a Weaviate with an API key.
# Secrets come in as TF_VAR_* environment variables (or a secrets manager
# data source), never from a committed file:
#
#   export TF_VAR_postgresql_password=... TF_VAR_redis_url=rediss://... \
#          TF_VAR_rabbitmq_url=amqps://... TF_VAR_oidc_client_secret=... \
#          TF_VAR_auth_session_secret=... TF_VAR_external_api_token=... \
#          TF_VAR_ai_components_secret_key=... TF_VAR_weaviate_api_key=... \
#          TF_VAR_temporal_client_cert="$(cat client.pem)" TF_VAR_temporal_client_key="$(cat client.key)"
#   terraform init && terraform apply

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

variable "kubeconfig_path" {
  description = "kubeconfig of the target cluster."
  type        = string
  default     = "~/.kube/config"
}

variable "kube_context" {
  description = "kubeconfig context."
  type        = string
  default     = null
}

variable "postgresql_password" {
  type      = string
  sensitive = true
}

variable "redis_url" {
  type      = string
  sensitive = true
}

variable "rabbitmq_url" {
  type      = string
  sensitive = true
}

variable "oidc_client_secret" {
  type      = string
  sensitive = true
}

variable "auth_session_secret" {
  type      = string
  sensitive = true
}

variable "external_api_token" {
  type      = string
  sensitive = true
}

variable "ai_components_secret_key" {
  type      = string
  sensitive = true
}

variable "weaviate_api_key" {
  type      = string
  sensitive = true
}

variable "temporal_client_cert" {
  type      = string
  sensitive = true
}

variable "temporal_client_key" {
  type      = string
  sensitive = true
}

provider "kubernetes" {
  config_path    = var.kubeconfig_path
  config_context = var.kube_context
}

provider "helm" {
  kubernetes {
    config_path    = var.kubeconfig_path
    config_context = var.kube_context
  }
}

module "ai_ops_console" {
  source = "../.."

  namespace    = "ai-ops"
  release_name = "ai-ops"

  backend_image = { repository = "registry.example.com/ai-ops-console/backend", tag = "0.1.0" }
  worker_image  = { repository = "registry.example.com/ai-ops-console/worker", tag = "0.1.0" }

  console_host = "ai-ops.example.com"
  ingress_annotations = {
    "cert-manager.io/cluster-issuer" = "letsencrypt"
  }

  oidc = {
    metadata_url = "https://login.example.com/.well-known/openid-configuration"
    client_id    = "ai-ops-console"
  }
  oidc_client_secret  = var.oidc_client_secret
  auth_session_secret = var.auth_session_secret
  external_api_token  = var.external_api_token
  ai_components_secret_keys = [
    { id = "key-2026-11", key = var.ai_components_secret_key },
  ]

  postgresql = {
    host     = "ai-ops.abcdefgh.eu-west-1.rds.amazonaws.com"
    user     = "ai_ops"
    ssl_mode = "verify-full"
  }
  postgresql_password = var.postgresql_password
  redis_url           = var.redis_url
  rabbitmq_url        = var.rabbitmq_url

  temporal = {
    address     = "ai-ops.a1b2c.tmprl.cloud:7233"
    namespace   = "ai-ops.a1b2c"
    server_name = "ai-ops.a1b2c.tmprl.cloud"
  }
  temporal_mtls = {
    client_cert = var.temporal_client_cert
    client_key  = var.temporal_client_key
  }

  weaviate = {
    http_url = "https://weaviate.internal.example.com"
    grpc_url = "https://weaviate-grpc.internal.example.com:443"
  }
  weaviate_api_key = var.weaviate_api_key

  otlp_endpoint = "http://otel-collector.monitoring.svc:4318"

  worker_autoscaling = {
    min_replicas = 2
    max_replicas = 12
  }
  split_capabilities = ["recommendations"]

  monitoring = {
    monthly_budget_usd = 5000
    labels             = { release = "kube-prometheus-stack" }
  }
}

output "console_url" {
  value = module.ai_ops_console.console_url
}

output "release_revision" {
  value = module.ai_ops_console.release_revision
}
