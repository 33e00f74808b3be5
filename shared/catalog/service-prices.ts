// What each service price key of the catalog means, in words: shared by the catalog file's schema, the
// catalog's "missing price" reasons and the catalog build, without the schema itself.
import type { ServicePriceKey } from './types';

/** What each service price key means, in words a user reads in a "missing price" reason. */
export const SERVICE_PRICE_LABELS: Readonly<Record<ServicePriceKey, string>> = {
  'eks.controlPlane.standard.perClusterHour': 'EKS control plane (standard support) per cluster-hour',
  'eks.controlPlane.extendedSupport.perClusterHour': 'EKS control plane (extended support) per cluster-hour',
  'natGateway.perHour': 'NAT gateway per hour',
  'natGateway.dataProcessed.perGB': 'NAT gateway data processed per GB',
  'alb.perHour': 'Application Load Balancer per hour',
  'nlb.perHour': 'Network Load Balancer per hour',
  'alb.lcu.perLcuHour': 'Application Load Balancer per LCU-hour',
  'nlb.lcu.perLcuHour': 'Network Load Balancer per NLCU-hour',
  'ebs.gp3.perGBMonth': 'EBS gp3 storage per GB-month',
  'ebs.gp3.throughput.perMBpsMonth': 'EBS gp3 provisioned throughput per MB/s-month',
  'ebs.gp3.iops.perIopsMonth': 'EBS gp3 provisioned IOPS per IOPS-month',
  'ebs.gp2.perGBMonth': 'EBS gp2 storage per GB-month',
  'publicIPv4.perAddressHour': 'public IPv4 address per hour',
};
