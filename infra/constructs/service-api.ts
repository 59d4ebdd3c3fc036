/**
 * The HTTP API at the stage's one origin: a custom domain with its certificate and DNS names, the
 * execute-api endpoint off (so every request comes through the origin that links, CORS and the
 * pages' CSP name), access logs, and throttles per route.
 *
 * No WAF: an HTTP API cannot be associated with a web ACL. Putting CloudFront and WAF in front would
 * need a us-east-1 stack for the ACL and the certificate, cross-region references, and an origin
 * secret, since the API's regional name would stay reachable around CloudFront. What the abuse
 * findings ask for is covered here instead: per-route throttles (anonymous POST /cases far below
 * the rest, so a flood of new cases cannot starve the patients and staff on the other routes), and
 * in the table, counters of cases per email address and per client address (docs/security.md).
 */
import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { resourceNames } from '#infra/names.ts';
import type { StageConfig } from '#infra/stages.ts';

export interface ServiceApiProps {
  stage: StageConfig;
  key: kms.IKey;
}

export class ServiceApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly domain: apigw.DomainName;
  private readonly routes = new Map<string, apigw.HttpRoute>();

  constructor(scope: Construct, id: string, props: ServiceApiProps) {
    super(scope, id);
    const { stage, key } = props;
    const names = resourceNames(stage);
    const host = new URL(stage.origin).hostname;

    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: `${names.prefix}-api`,
      createDefaultStage: false,
      disableExecuteApiEndpoint: true,
      corsPreflight: {
        allowOrigins: [stage.origin],
        allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      logGroupName: names.logGroups.api,
      retention: stage.logRetentionDays as logs.RetentionDays,
      encryptionKey: key,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: stage.limits.apiRateLimit, burstLimit: stage.limits.apiBurstLimit },
      // No path parameters or query strings: action-link tokens live in the path.
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            sourceIp: '$context.identity.sourceIp',
          }),
        ),
      },
    });

    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: stage.hostedZone.id,
      zoneName: stage.hostedZone.name,
    });
    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: host,
      validation: acm.CertificateValidation.fromDns(zone),
    });
    this.domain = new apigw.DomainName(this, 'Domain', {
      domainName: host,
      certificate,
      securityPolicy: apigw.SecurityPolicy.TLS_1_2,
    });
    new apigw.ApiMapping(this, 'Mapping', { api: this.api, domainName: this.domain, stage: this.stage });
    const target = route53.RecordTarget.fromAlias(
      new targets.ApiGatewayv2DomainProperties(
        this.domain.regionalDomainName,
        this.domain.regionalHostedZoneId,
      ),
    );
    new route53.ARecord(this, 'Alias', { zone, recordName: host, target });
  }

  /** Routes a method and path to an integration; returns the route. */
  addRoute(method: apigw.HttpMethod, path: string, integration: apigw.HttpRouteIntegration): apigw.HttpRoute {
    const [route] = this.api.addRoutes({ path, methods: [method], integration });
    if (!route) throw new Error(`no route for ${method} ${path}`);
    this.routes.set(`${method} ${path}`, route);
    return route;
  }

  /**
   * The stage's tighter throttles, by route key. Called once every route is added: a key that names
   * no route fails the synth (API Gateway would refuse the stage at deploy time).
   */
  throttleRoutes(throttles: StageConfig['limits']['routeThrottles']): void {
    const settings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const [key, t] of Object.entries(throttles)) {
      const route = this.routes.get(key);
      if (!route) throw new Error(`limits.routeThrottles names ${key}, which is not a route of the API`);
      settings[key] = { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit };
      // The stage's route settings can only name routes that exist.
      this.stage.node.addDependency(route);
    }
    (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = settings;
  }
}
