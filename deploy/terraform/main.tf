# Installs the ai-ops-console chart (deploy/helm/ai-ops-console) into a
# namespace, with its Secrets made from sensitive variables: the chart itself
# only ever references existing Secrets. External PostgreSQL, Redis,
# RabbitMQ, Temporal and Weaviate are variables; see docs/operations.md.

locals {
  namespace = var.create_namespace ? kubernetes_namespace.this[0].metadata[0].name : var.namespace
  chart     = coalesce(var.chart_path, "${path.module}/../helm/ai-ops-console")

  # Whether optional secrets are set: not secret themselves (count and
  # values may not depend on sensitive values).
  has_temporal_mtls    = nonsensitive(var.temporal_mtls != null)
  has_temporal_ca      = local.has_temporal_mtls ? nonsensitive(var.temporal_mtls.ca_cert != "") : false
  has_temporal_api_key = nonsensitive(var.temporal_api_key != null)
  has_weaviate_api_key = nonsensitive(var.weaviate_api_key != null)

  secret_names = {
    app        = "${var.release_name}-ai-ops-console"
    postgresql = "${var.release_name}-ai-ops-console-postgresql"
    redis      = "${var.release_name}-ai-ops-console-redis"
    rabbitmq   = "${var.release_name}-ai-ops-console-rabbitmq"
    temporal   = "${var.release_name}-ai-ops-console-temporal"
    weaviate   = "${var.release_name}-ai-ops-console-weaviate"
    extra_ca   = "${var.release_name}-ai-ops-console-ca"
  }

  # Secret names and keys only: values never carry a secret.
  values = {
    console          = { baseUrl = "https://${var.console_host}" }
    imagePullSecrets = [for name in var.image_pull_secrets : { name = name }]
    extraCaCerts = {
      secretName = var.extra_ca_cert == null ? "" : local.secret_names.extra_ca
      key        = "ca.crt"
    }
    auth = {
      oidc = {
        metadataUrl = var.oidc.metadata_url
        clientId    = var.oidc.client_id
      }
    }
    secrets = {
      existingSecret = local.secret_names.app
      keys = {
        authSessionSecret = "AUTH_SESSION_SECRET"
        oidcClientSecret  = "OIDC_CLIENT_SECRET"
        externalApiToken  = "EXTERNAL_API_TOKEN"
      }
      aiComponentsKeys = [
        for i, k in nonsensitive([for k in var.ai_components_secret_keys : k.id]) : {
          id        = k
          secretKey = "AI_COMPONENTS_SECRET_KEY_${i}"
        }
      ]
    }
    postgresql = {
      host           = var.postgresql.host
      port           = var.postgresql.port
      user           = var.postgresql.user
      databasePrefix = var.postgresql.database_prefix
      sslMode        = var.postgresql.ssl_mode
      existingSecret = local.secret_names.postgresql
      passwordKey    = "password"
    }
    redis    = { existingSecret = local.secret_names.redis, urlKey = "url" }
    rabbitmq = { existingSecret = local.secret_names.rabbitmq, urlKey = "url" }
    temporal = {
      address   = var.temporal.address
      namespace = var.temporal.namespace
      taskQueue = var.temporal.task_queue
      tls = {
        enabled        = local.has_temporal_mtls
        existingSecret = local.has_temporal_mtls ? local.secret_names.temporal : ""
        certKey        = "tls.crt"
        keyKey         = "tls.key"
        caKey          = local.has_temporal_ca ? "ca.crt" : ""
        serverName     = var.temporal.server_name
      }
      apiKey = {
        existingSecret = local.has_temporal_api_key ? local.secret_names.temporal : ""
        key            = "api-key"
      }
    }
    weaviate = {
      httpUrl        = var.weaviate == null ? "" : var.weaviate.http_url
      grpcUrl        = var.weaviate == null ? "" : var.weaviate.grpc_url
      existingSecret = local.has_weaviate_api_key ? local.secret_names.weaviate : ""
      apiKeyKey      = "api-key"
    }
    telemetry = { otlpEndpoint = var.otlp_endpoint }
    backend = {
      image        = var.backend_image
      replicaCount = var.backend_replicas
    }
    worker = {
      image                   = var.worker_image
      maxConcurrentActivities = var.worker_autoscaling.max_concurrent_activities
      autoscaling = {
        enabled                        = true
        minReplicas                    = var.worker_autoscaling.min_replicas
        maxReplicas                    = var.worker_autoscaling.max_replicas
        targetCPUUtilizationPercentage = var.worker_autoscaling.target_cpu_percent
        backlog = {
          enabled            = var.worker_autoscaling.backlog_enabled
          targetAverageValue = tostring(var.worker_autoscaling.backlog_per_pod)
        }
      }
    }
    split = { capabilities = [for c in var.split_capabilities : { name = c }] }
    ingress = {
      enabled     = true
      className   = var.ingress_class_name
      host        = var.console_host
      annotations = var.ingress_annotations
      tls         = { enabled = true, secretName = var.tls_secret_name }
    }
    networkPolicy = {
      enabled = true
      ingressFrom = [{
        namespaceSelector = { matchLabels = { "kubernetes.io/metadata.name" = var.ingress_controller_namespace } }
      }]
      metricsFrom = [{
        namespaceSelector = { matchLabels = { "kubernetes.io/metadata.name" = var.monitoring_namespace } }
      }]
    }
    serviceMonitor    = { enabled = var.monitoring.service_monitor, labels = var.monitoring.labels }
    prometheusRule    = { enabled = var.monitoring.prometheus_rule, labels = var.monitoring.labels, monthlyBudgetUsd = var.monitoring.monthly_budget_usd }
    grafanaDashboards = { enabled = var.monitoring.grafana_dashboards }
  }
}

resource "kubernetes_namespace" "this" {
  count = var.create_namespace ? 1 : 0

  metadata {
    name = var.namespace
    labels = {
      "pod-security.kubernetes.io/enforce" = "restricted"
      "pod-security.kubernetes.io/audit"   = "restricted"
    }
  }
}

resource "kubernetes_secret" "app" {
  metadata {
    name      = local.secret_names.app
    namespace = local.namespace
  }
  type = "Opaque"
  data = merge(
    {
      AUTH_SESSION_SECRET = var.auth_session_secret
      OIDC_CLIENT_SECRET  = var.oidc_client_secret
      EXTERNAL_API_TOKEN  = var.external_api_token
    },
    { for i, k in var.ai_components_secret_keys : "AI_COMPONENTS_SECRET_KEY_${i}" => k.key },
  )
}

resource "kubernetes_secret" "postgresql" {
  metadata {
    name      = local.secret_names.postgresql
    namespace = local.namespace
  }
  type = "Opaque"
  data = { password = var.postgresql_password }
}

resource "kubernetes_secret" "redis" {
  metadata {
    name      = local.secret_names.redis
    namespace = local.namespace
  }
  type = "Opaque"
  data = { url = var.redis_url }
}

resource "kubernetes_secret" "rabbitmq" {
  metadata {
    name      = local.secret_names.rabbitmq
    namespace = local.namespace
  }
  type = "Opaque"
  data = { url = var.rabbitmq_url }
}

resource "kubernetes_secret" "temporal" {
  count = local.has_temporal_mtls || local.has_temporal_api_key ? 1 : 0

  metadata {
    name      = local.secret_names.temporal
    namespace = local.namespace
  }
  type = "Opaque"
  data = merge(
    local.has_temporal_mtls ? {
      "tls.crt" = var.temporal_mtls.client_cert
      "tls.key" = var.temporal_mtls.client_key
    } : {},
    local.has_temporal_ca ? { "ca.crt" = var.temporal_mtls.ca_cert } : {},
    local.has_temporal_api_key ? { "api-key" = var.temporal_api_key } : {},
  )
}

resource "kubernetes_secret" "weaviate" {
  count = local.has_weaviate_api_key ? 1 : 0

  metadata {
    name      = local.secret_names.weaviate
    namespace = local.namespace
  }
  type = "Opaque"
  data = { "api-key" = var.weaviate_api_key }
}

resource "kubernetes_secret" "extra_ca" {
  count = var.extra_ca_cert != null ? 1 : 0

  metadata {
    name      = local.secret_names.extra_ca
    namespace = local.namespace
  }
  type = "Opaque"
  data = { "ca.crt" = var.extra_ca_cert }
}

resource "helm_release" "console" {
  name       = var.release_name
  namespace  = local.namespace
  chart      = var.chart_repository == null ? local.chart : "ai-ops-console"
  repository = var.chart_repository
  version    = var.chart_version

  # Roll back by itself when the pods do not become ready.
  atomic          = true
  wait            = true
  timeout         = 900
  cleanup_on_fail = true
  max_history     = 10

  values = concat([yamlencode(local.values)], var.extra_values)

  depends_on = [
    kubernetes_secret.app,
    kubernetes_secret.postgresql,
    kubernetes_secret.redis,
    kubernetes_secret.rabbitmq,
    kubernetes_secret.temporal,
    kubernetes_secret.weaviate,
    kubernetes_secret.extra_ca,
  ]
}
