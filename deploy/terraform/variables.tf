# --- where -----------------------------------------------------------------

variable "namespace" {
  description = "Kubernetes namespace for the console."
  type        = string
  default     = "ai-ops"
}

variable "create_namespace" {
  description = "Create the namespace (with the restricted Pod Security Standard); false when it exists already."
  type        = bool
  default     = true
}

variable "release_name" {
  description = "Helm release name."
  type        = string
  default     = "ai-ops"
}

variable "chart_path" {
  description = "Path (or repository URL with chart_repository) of the ai-ops-console chart. Defaults to the chart in this repository."
  type        = string
  default     = null
}

variable "chart_repository" {
  description = "Helm repository URL when the chart is installed from a repository instead of a path."
  type        = string
  default     = null
}

variable "chart_version" {
  description = "Chart version when installing from chart_repository."
  type        = string
  default     = null
}

# --- images ----------------------------------------------------------------

variable "backend_image" {
  description = "Backend image repository and tag (deploy/docker/backend.Dockerfile)."
  type = object({
    repository = string
    tag        = string
  })
}

variable "worker_image" {
  description = "Worker image repository and tag (deploy/docker/worker.Dockerfile)."
  type = object({
    repository = string
    tag        = string
  })
}

variable "image_pull_secrets" {
  description = "Names of existing image pull Secrets in the namespace."
  type        = list(string)
  default     = []
}

# --- the console -----------------------------------------------------------

variable "console_host" {
  description = "Public host name of the console (HTTPS at the ingress)."
  type        = string
}

variable "ingress_class_name" {
  description = "IngressClass of the ingress controller."
  type        = string
  default     = "nginx"
}

variable "ingress_annotations" {
  description = "Ingress annotations, e.g. { \"cert-manager.io/cluster-issuer\" = \"letsencrypt\" }."
  type        = map(string)
  default     = {}
}

variable "tls_secret_name" {
  description = "kubernetes.io/tls Secret with the console's certificate (e.g. issued by cert-manager)."
  type        = string
  default     = "ai-ops-console-tls"
}

variable "ingress_controller_namespace" {
  description = "Namespace of the ingress controller (allowed by the NetworkPolicy)."
  type        = string
  default     = "ingress-nginx"
}

variable "monitoring_namespace" {
  description = "Namespace Prometheus scrapes from (allowed by the NetworkPolicy)."
  type        = string
  default     = "monitoring"
}

variable "oidc" {
  description = "OpenID Connect provider for sign-in."
  type = object({
    metadata_url = string
    client_id    = string
  })
}

variable "oidc_client_secret" {
  description = "OIDC client secret."
  type        = string
  sensitive   = true
}

variable "auth_session_secret" {
  description = "Signs sign-in session cookies (32+ random bytes)."
  type        = string
  sensitive   = true
}

variable "external_api_token" {
  description = "Static token for external API clients (CI jobs, scripts)."
  type        = string
  sensitive   = true
}

variable "ai_components_secret_keys" {
  description = "Keys that encrypt component secrets at rest (base64 of 32 random bytes), newest first; keep an old one until every secret was re-read."
  type = list(object({
    id  = string
    key = string
  }))
  sensitive = true

  validation {
    condition     = length(var.ai_components_secret_keys) > 0
    error_message = "At least one key is required."
  }
}

# --- external services -----------------------------------------------------

variable "postgresql" {
  description = "External PostgreSQL: one database per plugin named <database_prefix><pluginId> (the user needs CREATEDB, or create them first)."
  type = object({
    host            = string
    port            = optional(number, 5432)
    user            = string
    database_prefix = optional(string, "ai_ops_")
    ssl_mode        = optional(string, "verify-full")
  })

  validation {
    condition     = contains(["disable", "require", "verify-full"], var.postgresql.ssl_mode)
    error_message = "postgresql.ssl_mode must be disable, require or verify-full."
  }
}

variable "postgresql_password" {
  description = "PostgreSQL password."
  type        = string
  sensitive   = true
}

variable "redis_url" {
  description = "Redis URL with credentials, rediss:// for TLS (cache and rate limits)."
  type        = string
  sensitive   = true
}

variable "rabbitmq_url" {
  description = "RabbitMQ URL with credentials, amqps:// for TLS (execution lifecycle events)."
  type        = string
  sensitive   = true
}

variable "temporal" {
  description = "Temporal cluster or Temporal Cloud namespace."
  type = object({
    address     = string
    namespace   = optional(string, "ai-ops")
    task_queue  = optional(string, "ai-ops-executions")
    server_name = optional(string, "")
  })
}

variable "temporal_mtls" {
  description = "Temporal mTLS client certificate and key (PEM), and the server CA when private; null for no mTLS."
  type = object({
    client_cert = string
    client_key  = string
    ca_cert     = optional(string, "")
  })
  default   = null
  sensitive = true
}

variable "temporal_api_key" {
  description = "Temporal Cloud API key, instead of mTLS; null for none."
  type        = string
  default     = null
  sensitive   = true
}

variable "weaviate" {
  description = "Weaviate for recommendations (REST and gRPC endpoints); null for the in-memory index (small installs)."
  type = object({
    http_url = string
    grpc_url = string
  })
  default = null
}

variable "weaviate_api_key" {
  description = "Weaviate API key; null when Weaviate allows anonymous access."
  type        = string
  default     = null
  sensitive   = true
}

variable "extra_ca_cert" {
  description = "PEM bundle of private CAs trusted by every container (PostgreSQL, RabbitMQ, Redis, Weaviate, OIDC); null for none."
  type        = string
  default     = null
}

variable "otlp_endpoint" {
  description = "OTLP/HTTP endpoint for traces (collector, Tempo, Jaeger); empty for none."
  type        = string
  default     = ""
}

# --- sizing ----------------------------------------------------------------

variable "backend_replicas" {
  description = "Backend replicas."
  type        = number
  default     = 2
}

variable "worker_autoscaling" {
  description = "Worker HPA: CPU target and the task-queue backlog per pod (needs an External metrics adapter, see the chart README)."
  type = object({
    min_replicas              = optional(number, 2)
    max_replicas              = optional(number, 10)
    target_cpu_percent        = optional(number, 70)
    backlog_enabled           = optional(bool, true)
    backlog_per_pod           = optional(number, 20)
    max_concurrent_activities = optional(number, 50)
  })
  default = {}
}

variable "split_capabilities" {
  description = "Capabilities that run in Deployments of their own (ai-components, workflows, executions, recommendations)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.split_capabilities : contains(["ai-components", "workflows", "executions", "recommendations"], c)])
    error_message = "split_capabilities may list ai-components, workflows, executions and recommendations only."
  }
}

variable "monitoring" {
  description = "Prometheus Operator objects and Grafana dashboards."
  type = object({
    service_monitor    = optional(bool, true)
    prometheus_rule    = optional(bool, true)
    grafana_dashboards = optional(bool, true)
    monthly_budget_usd = optional(number, 1000)
    labels             = optional(map(string), {})
  })
  default = {}
}

variable "extra_values" {
  description = "More chart values (YAML documents), applied last; never put secrets here."
  type        = list(string)
  default     = []
}
