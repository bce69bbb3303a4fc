import { Response } from 'express';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { WorkflowDocument } from '@ai-ops/plugin-workflows-common';
import { spec } from '../schema/openapi.generated';
import {
  NewWorkflowVersion,
  WorkflowKey,
  WorkflowStore,
} from '../database/types';
import { Credentials, WorkflowAccess } from './access';
import { ParsedDocumentInput } from './documentInput';
import { DocumentValidator } from './validation';

/** The router typed from the contract. */
export type WorkflowsRouter = ReturnType<
  typeof createValidatedOpenApiRouter<typeof spec>
>;

/** What every group of routes works with. */
export interface RouteContext {
  router: WorkflowsRouter;
  store: WorkflowStore;
  access: WorkflowAccess;
  validator: DocumentValidator;
  /** The document, validated as the caller (a 400 listing every error), in stored form. */
  validDocument(
    input: ParsedDocumentInput,
    credentials: Credentials,
    key: WorkflowKey,
  ): Promise<WorkflowDocument>;
  /** A new version from a request's document input, validated as the caller. */
  newVersion(
    input: ParsedDocumentInput,
    credentials: Credentials,
    key: WorkflowKey,
  ): Promise<NewWorkflowVersion>;
}

/** A repeated query parameter arrives as a string when given once. */
export const asList = <T extends string>(value: T | T[] | undefined) =>
  value === undefined ? undefined : ([] as T[]).concat(value);

export const keyOf = (req: {
  params: { namespace: string; name: string };
}): WorkflowKey => ({
  namespace: req.params.namespace,
  name: req.params.name,
});

/**
 * Sends a body whose type the typed router cannot derive from the contract
 * (a schema combined with allOf from one that forbids extra properties).
 */
export const sendJson = (res: Response, status: number, body: unknown) =>
  res.status(status).json(body);
