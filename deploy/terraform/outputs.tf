output "namespace" {
  description = "Namespace the console runs in."
  value       = local.namespace
}

output "release_name" {
  description = "Helm release name."
  value       = helm_release.console.name
}

output "release_revision" {
  description = "Helm release revision (for `helm rollback`)."
  value       = helm_release.console.metadata[0].revision
}

output "chart_version" {
  description = "Installed chart version."
  value       = helm_release.console.metadata[0].version
}

output "console_url" {
  description = "Where people reach the console."
  value       = "https://${var.console_host}"
}

output "backend_service" {
  description = "In-cluster Service of the backend (HTTP 7007, metrics 9464)."
  value       = "${var.release_name}-ai-ops-console-backend.${local.namespace}.svc"
}

output "worker_deployment" {
  description = "Deployment of the Temporal worker."
  value       = "${var.release_name}-ai-ops-console-worker"
}

output "secret_names" {
  description = "The Secrets this module manages (rotate by changing the variables and applying)."
  value = concat(
    [
      kubernetes_secret.app.metadata[0].name,
      kubernetes_secret.postgresql.metadata[0].name,
      kubernetes_secret.redis.metadata[0].name,
      kubernetes_secret.rabbitmq.metadata[0].name,
    ],
    [for s in kubernetes_secret.temporal : s.metadata[0].name],
    [for s in kubernetes_secret.weaviate : s.metadata[0].name],
    [for s in kubernetes_secret.extra_ca : s.metadata[0].name],
  )
}
