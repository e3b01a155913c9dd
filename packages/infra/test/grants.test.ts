import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { buildTestStack } from './support/test-stack.js';

/**
 * The functions' grants are listed action by action, not CDK's broad grantReadWrite sets; this
 * keeps them in step with the code: every AWS SDK command the AWS adapters send maps to the IAM
 * actions it needs, and an unmapped command fails here until it is mapped (and granted).
 */
const ACTIONS_OF_COMMAND: Record<string, string[]> = {
  GetCommand: ['dynamodb:GetItem'],
  BatchGetCommand: ['dynamodb:BatchGetItem'],
  QueryCommand: ['dynamodb:Query'],
  PutCommand: ['dynamodb:PutItem'],
  UpdateCommand: ['dynamodb:UpdateItem'],
  DeleteCommand: ['dynamodb:DeleteItem'],
  TransactWriteCommand: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  PutObjectCommand: ['s3:PutObject'],
  GetObjectCommand: ['s3:GetObject'],
  // Each key of a multi-object delete is authorized as its own DeleteObject.
  DeleteObjectsCommand: ['s3:DeleteObject'],
  // Without s3:ListBucket, HeadObject answers 403 instead of 404 for a missing object.
  HeadObjectCommand: ['s3:GetObject', 's3:ListBucket'],
  SendEmailCommand: ['ses:SendEmail'],
  // Public app-client operations of Cognito: IAM does not govern them.
  SignUpCommand: [],
  ConfirmSignUpCommand: [],
  InitiateAuthCommand: [],
  ResendConfirmationCodeCommand: [],
  RevokeTokenCommand: [],
  ForgotPasswordCommand: [],
  ConfirmForgotPasswordCommand: [],
  // Authorized by the user's own access token, not by IAM.
  ChangePasswordCommand: [],
  GlobalSignOutCommand: [],
  DeleteUserCommand: [],
  // The stack creates the table; store-dynamodb's createTable serves DynamoDB Local in tests.
  CreateTableCommand: [],
};

/**
 * Sent only by the API function: removing replaced event images (the S3 image store's DeleteObjects)
 * happens on PUT/DELETE /api/events/:id/image; the worker only reads images to print them.
 */
const API_ONLY_COMMANDS = ['DeleteObjectsCommand'];

const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function commandsSent(): string[] {
  const files = ['store-dynamodb', 'adapters-aws'].flatMap((name) => sourceFiles(join(packagesDir, name, 'src')));
  const names = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bnew (\w+Command)\(/g)].map((match) => match[1]!));
  return [...new Set(names)].sort();
}

describe('function grants', () => {
  it('cover every AWS SDK command the AWS adapters send', () => {
    const commands = commandsSent();
    expect(commands).toContain('TransactWriteCommand');
    expect(commands.filter((command) => !(command in ACTIONS_OF_COMMAND))).toEqual([]);

    const stack = buildTestStack();
    const neededFor = (sent: string[]) => [...new Set(sent.flatMap((command) => ACTIONS_OF_COMMAND[command]!))].sort();
    for (const [fn, needed] of [
      [stack.apiFunction, neededFor(commands)],
      [stack.workerFunction, neededFor(commands.filter((command) => !API_ONLY_COMMANDS.includes(command)))],
    ] as const) {
      const policy = fn.role!.node.findChild('DefaultPolicy').node.defaultChild as CfnPolicy;
      const document = stack.resolve(policy.policyDocument) as { Statement: { Effect: string; Action: string | string[] }[] };
      const granted = new Set(document.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat()));
      expect(needed.filter((action) => !granted.has(action))).toEqual([]);
    }
  });
});
