import { applyDecorators, type INestApplication } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  DocumentBuilder,
  SwaggerModule,
} from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../repo-root';

/**
 * OpenAPI at `/api/docs` (JSON at `/api/docs/openapi.json`), built from the controllers
 * themselves: routes by Nest, parameters and bodies from the same zod schemas the handlers
 * validate with (through these decorators), so the document cannot drift from the code.
 */
type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  });
}

export interface DocOptions {
  readonly summary: string;
  /** The query-string schema the handler parses (a zod object). */
  readonly query?: z.ZodObject;
  /** The JSON body schema the handler parses. */
  readonly body?: z.ZodType;
  /** The success answer: a zod schema, or a description for non-JSON answers. */
  readonly answer?: z.ZodType | string;
  readonly status?: number;
  /** Who may call it, in words (roles or key); omitted for public routes. */
  readonly access?: string;
}

/** Documents one route from its zod schemas. */
export function Doc(options: DocOptions): MethodDecorator & ClassDecorator {
  const decorators = [
    ApiOperation({
      summary: options.summary,
      ...(options.access ? { description: `Access: ${options.access}.` } : {}),
    }),
  ];
  if (options.access) decorators.push(ApiBearerAuth());
  for (const [name, field] of Object.entries(options.query?.shape ?? {})) {
    const schema = field as z.ZodType;
    const { description, ...rest } = jsonSchema(schema);
    decorators.push(
      ApiQuery({
        name,
        required: !schema.safeParse(undefined).success,
        schema: rest,
        ...(typeof description === 'string' ? { description } : {}),
      }),
    );
  }
  if (options.body) decorators.push(ApiBody({ schema: jsonSchema(options.body) }));
  const status = options.status ?? 200;
  const answer = options.answer;
  decorators.push(
    answer === undefined || typeof answer === 'string'
      ? ApiResponse({ status, description: answer ?? 'OK' })
      : ApiResponse({ status, description: 'OK', schema: jsonSchema(answer) }),
  );
  return applyDecorators(...decorators);
}

export function setUpOpenApi(app: INestApplication): void {
  const { version } = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  const config = new DocumentBuilder()
    .setTitle('Mieruka API')
    .setDescription(
      'Call events in, live KPIs and history out. Errors are problem JSON (RFC 9457) with a correlationId.',
    )
    .setVersion(version)
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs/openapi.json',
    yamlDocumentUrl: 'api/docs/openapi.yaml',
  });
}
