// The fixed part of the generated Pulumi program: the settings a stack may override and one function
// per kind of element. The generated part (pulumi.ts) declares the model's elements as data and calls
// these functions, so a reviewer reads each kind's resources once. Written without template literals
// or `${`, so the text below needs no escaping.

export const PROGRAM_SETTINGS = `// Settings a stack may change (Pulumi.<stack>.yaml); the model's values are the defaults.
interface NetworkSettings {
  /** Use this VPC instead of creating one; then list its subnets, one per zone, in zone order. */
  existingVpcId?: string;
  existingPrivateSubnetIds?: string[];
  existingPublicSubnetIds?: string[];
}
interface ClusterSettings {
  kubernetesVersion?: string;
}
interface NodeCounts {
  min?: number;
  desired?: number;
  max?: number;
}
interface FleetSettings {
  instancesPerAz?: number;
  /** An AMI to use instead of the latest Amazon Linux 2023. */
  amiId?: string;
}

const config = new pulumi.Config();
const networkSettings = config.getObject<Record<string, NetworkSettings>>("networks") ?? {};
const clusterSettings = config.getObject<Record<string, ClusterSettings>>("clusters") ?? {};
const nodePoolSettings = config.getObject<Record<string, NodeCounts>>("nodePools") ?? {};
const fleetSettings = config.getObject<Record<string, FleetSettings>>("fleets") ?? {};
`;

export const PROGRAM_TYPES = `// The model's elements, as the functions below take them.
interface NetworkSpec {
  id: string;
  vpcCidr: string;
  natGateways: "per-az" | "single" | "none";
  /** Per zone: a private subnet (nodes) when privateCidr is set, and a public one. */
  subnets: { zone: string; privateCidr?: string; publicCidr: string }[];
  /** Value of the karpenter.sh/discovery tag on the private subnets (the EKS cluster name). */
  discoveryTag?: string;
}
interface ClusterSpec {
  id: string;
  /** EKS cluster name; the Kubernetes manifests refer to it. */
  name: string;
  region: string;
  kubernetesVersion: string;
  serviceCidr: string;
}
interface ManagedPoolSpec {
  id: string;
  instanceTypes: string[];
  capacityType: "ON_DEMAND" | "SPOT";
  amiType: string;
  zones: string[];
  nodesPerAz: { min: number; desired: number; max: number };
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE" }[];
  diskSizeGiB: number;
}
interface KarpenterSpec {
  /** IAM role of Karpenter's nodes; the EC2NodeClasses name it. */
  nodeRoleName: string;
  /** Where the Karpenter controller runs: nodes of a managed pool, not nodes it launches itself. */
  controllerNodeSelector?: Record<string, string>;
}
interface FleetSpec {
  id: string;
  instanceType: string;
  /** SSM parameter of the latest Amazon Linux 2023 AMI for the instance's architecture. */
  amiParameter: string;
  zones: string[];
  instancesPerAz: number;
  placementStrategy: "cluster" | "partition" | "spread";
  rootVolume: { sizeGiB: number; type: string; iops?: number; throughputMiBps?: number };
  /** Boot script: hugepages, isolated cores, NUMA notes. */
  userData: string;
}

interface Network {
  vpcId: pulumi.Input<string>;
  privateSubnetIds: Record<string, pulumi.Input<string>>;
  publicSubnetIds: Record<string, pulumi.Input<string>>;
}
interface Cluster {
  spec: ClusterSpec;
  cluster: aws.eks.Cluster;
  nodeRole: aws.iam.Role;
  /** What node groups wait for: the node role's policies. */
  nodeRoleReady: pulumi.Resource[];
}
`;

export const NETWORK_FUNCTIONS = `const NODE_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
  "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
];

function assumeRolePolicy(service: string, actions: string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: actions }],
  });
}

/** An IAM role for EC2 instances with the given managed policies; returns the role and the attachments. */
function instanceRole(
  name: string,
  policies: string[],
  opts: pulumi.CustomResourceOptions,
  roleName?: string,
): { role: aws.iam.Role; attachments: aws.iam.RolePolicyAttachment[] } {
  const role = new aws.iam.Role(
    name,
    { name: roleName, assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com", ["sts:AssumeRole"]) },
    opts,
  );
  const attachments = policies.map(
    (policyArn, i) => new aws.iam.RolePolicyAttachment(name + "-" + i, { role: role.name, policyArn }, opts),
  );
  return { role, attachments };
}

/**
 * A VPC with a public and (for clusters) a private subnet per zone, an internet gateway and NAT gateways
 * (one per zone, a single shared one, or none), or an existing VPC and subnets from the stack's settings.
 */
function createRegionNetwork(provider: aws.Provider, spec: NetworkSpec): Network {
  const opts = { provider };
  const existing = networkSettings[spec.id];
  if (existing?.existingVpcId) {
    const privateIds = existing.existingPrivateSubnetIds ?? [];
    const publicIds = existing.existingPublicSubnetIds ?? [];
    const network: Network = { vpcId: existing.existingVpcId, privateSubnetIds: {}, publicSubnetIds: {} };
    spec.subnets.forEach((subnet, i) => {
      if (subnet.privateCidr !== undefined) {
        const id = privateIds[i];
        if (!id) throw new Error("networks." + spec.id + ".existingPrivateSubnetIds needs one subnet per zone");
        network.privateSubnetIds[subnet.zone] = id;
        if (spec.discoveryTag) {
          new aws.ec2.Tag(
            spec.id + "-" + subnet.zone + "-discovery",
            { resourceId: id, key: "karpenter.sh/discovery", value: spec.discoveryTag },
            opts,
          );
        }
      }
      if (publicIds[i]) network.publicSubnetIds[subnet.zone] = publicIds[i];
    });
    return network;
  }

  const vpc = new aws.ec2.Vpc(
    spec.id,
    { cidrBlock: spec.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: spec.id } },
    opts,
  );
  const igw = new aws.ec2.InternetGateway(spec.id, { vpcId: vpc.id, tags: { Name: spec.id } }, opts);
  const publicRoutes = new aws.ec2.RouteTable(
    spec.id + "-public",
    { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }], tags: { Name: spec.id + "-public" } },
    opts,
  );
  const network: Network = { vpcId: vpc.id, privateSubnetIds: {}, publicSubnetIds: {} };
  let sharedNat: aws.ec2.NatGateway | undefined;
  for (const subnet of spec.subnets) {
    const name = spec.id + "-" + subnet.zone;
    const pub = new aws.ec2.Subnet(
      name + "-public",
      {
        vpcId: vpc.id,
        availabilityZone: subnet.zone,
        cidrBlock: subnet.publicCidr,
        mapPublicIpOnLaunch: spec.discoveryTag === undefined,
        tags: { Name: name + "-public", "kubernetes.io/role/elb": "1" },
      },
      opts,
    );
    new aws.ec2.RouteTableAssociation(name + "-public", { subnetId: pub.id, routeTableId: publicRoutes.id }, opts);
    network.publicSubnetIds[subnet.zone] = pub.id;
    if (subnet.privateCidr === undefined) continue;

    const tags: Record<string, string> = { Name: name + "-private", "kubernetes.io/role/internal-elb": "1" };
    if (spec.discoveryTag) tags["karpenter.sh/discovery"] = spec.discoveryTag;
    const priv = new aws.ec2.Subnet(
      name + "-private",
      { vpcId: vpc.id, availabilityZone: subnet.zone, cidrBlock: subnet.privateCidr, tags },
      opts,
    );
    network.privateSubnetIds[subnet.zone] = priv.id;
    let nat: aws.ec2.NatGateway | undefined;
    if (spec.natGateways === "per-az" || (spec.natGateways === "single" && !sharedNat)) {
      const eip = new aws.ec2.Eip(name + "-nat", { domain: "vpc", tags: { Name: name + "-nat" } }, opts);
      nat = new aws.ec2.NatGateway(
        name,
        { allocationId: eip.id, subnetId: pub.id, tags: { Name: name } },
        { ...opts, dependsOn: [igw] },
      );
      if (spec.natGateways === "single") sharedNat = nat;
    } else if (spec.natGateways === "single") {
      nat = sharedNat;
    }
    const privateRoutes = new aws.ec2.RouteTable(
      name + "-private",
      {
        vpcId: vpc.id,
        // Without NAT gateways the private subnets have no route out: add VPC endpoints (ECR, S3, STS, EC2).
        routes: nat ? [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }] : [],
        tags: { Name: name + "-private" },
      },
      opts,
    );
    new aws.ec2.RouteTableAssociation(name + "-private", { subnetId: priv.id, routeTableId: privateRoutes.id }, opts);
  }
  return network;
}

`;

export const CLUSTER_FUNCTION = `/** An EKS cluster in the network's private subnets, with its cluster role and the role of its nodes. */
function createCluster(provider: aws.Provider, network: Network, spec: ClusterSpec): Cluster {
  const opts = { provider };
  const clusterRole = new aws.iam.Role(
    spec.id + "-cluster",
    { assumeRolePolicy: assumeRolePolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]) },
    opts,
  );
  const clusterPolicy = new aws.iam.RolePolicyAttachment(
    spec.id + "-cluster",
    { role: clusterRole.name, policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" },
    opts,
  );
  const cluster = new aws.eks.Cluster(
    spec.id,
    {
      name: spec.name,
      version: clusterSettings[spec.id]?.kubernetesVersion ?? spec.kubernetesVersion,
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds: Object.values(network.privateSubnetIds),
        endpointPrivateAccess: true,
        endpointPublicAccess: true,
      },
      kubernetesNetworkConfig: { serviceIpv4Cidr: spec.serviceCidr },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
    },
    { ...opts, dependsOn: [clusterPolicy] },
  );
  // Karpenter finds the cluster security group by this tag.
  new aws.ec2.Tag(
    spec.id + "-security-group-discovery",
    { resourceId: cluster.vpcConfig.clusterSecurityGroupId, key: "karpenter.sh/discovery", value: spec.name },
    opts,
  );
  const node = instanceRole(spec.id + "-node", NODE_POLICIES, opts);
  return { spec, cluster, nodeRole: node.role, nodeRoleReady: node.attachments };
}

`;

export const MANAGED_POOL_FUNCTION = `/** A managed node group over the pool's zones, on-demand (or all spot), sized nodes per zone x zones. */
function createManagedNodeGroup(
  provider: aws.Provider,
  cluster: Cluster,
  network: Network,
  spec: ManagedPoolSpec,
): aws.eks.NodeGroup {
  const counts = { ...spec.nodesPerAz, ...nodePoolSettings[spec.id] };
  const zones = spec.zones.length;
  return new aws.eks.NodeGroup(
    spec.id,
    {
      clusterName: cluster.cluster.name,
      nodeGroupName: spec.id,
      nodeRoleArn: cluster.nodeRole.arn,
      subnetIds: spec.zones.map((zone) => network.privateSubnetIds[zone]),
      instanceTypes: spec.instanceTypes,
      capacityType: spec.capacityType,
      amiType: spec.amiType,
      diskSize: spec.diskSizeGiB,
      scalingConfig: {
        minSize: counts.min * zones,
        desiredSize: counts.desired * zones,
        // EKS needs a maximum of at least one node.
        maxSize: Math.max(1, counts.max * zones),
      },
      labels: spec.labels,
      taints: spec.taints,
      updateConfig: { maxUnavailable: 1 },
    },
    { provider, dependsOn: cluster.nodeRoleReady },
  );
}

`;

export const KARPENTER_FUNCTIONS = `/** The permissions of the Karpenter controller (broader than Karpenter's reference policy: see README). */
function karpenterControllerPolicy(nodeRoleArn: string, queueArn: string, clusterArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "LaunchAndTerminateNodes",
        Effect: "Allow",
        Action: [
          "ec2:CreateFleet",
          "ec2:CreateLaunchTemplate",
          "ec2:CreateTags",
          "ec2:DeleteLaunchTemplate",
          "ec2:RunInstances",
          "ec2:TerminateInstances",
        ],
        Resource: "*",
      },
      {
        Sid: "Discover",
        Effect: "Allow",
        Action: [
          "ec2:DescribeAvailabilityZones",
          "ec2:DescribeCapacityReservations",
          "ec2:DescribeImages",
          "ec2:DescribeInstanceTypeOfferings",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeInstances",
          "ec2:DescribeLaunchTemplates",
          "ec2:DescribePlacementGroups",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSpotPriceHistory",
          "ec2:DescribeSubnets",
          "pricing:GetProducts",
          "ssm:GetParameter",
        ],
        Resource: "*",
      },
      { Sid: "PassNodeRole", Effect: "Allow", Action: "iam:PassRole", Resource: nodeRoleArn },
      {
        Sid: "ManageInstanceProfiles",
        Effect: "Allow",
        Action: [
          "iam:AddRoleToInstanceProfile",
          "iam:CreateInstanceProfile",
          "iam:DeleteInstanceProfile",
          "iam:GetInstanceProfile",
          "iam:ListInstanceProfiles",
          "iam:RemoveRoleFromInstanceProfile",
          "iam:TagInstanceProfile",
        ],
        Resource: "*",
      },
      {
        Sid: "Interruptions",
        Effect: "Allow",
        Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
        Resource: queueArn,
      },
      { Sid: "DescribeCluster", Effect: "Allow", Action: "eks:DescribeCluster", Resource: clusterArn },
    ],
  });
}

/** Interruption events Karpenter reacts to, each routed to its SQS queue by an EventBridge rule. */
const INTERRUPTION_EVENTS: Record<string, { source: string[]; "detail-type": string[] }> = {
  "health": { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
  "spot": { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
  "rebalance": { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
  "state": { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
};

/** A kubeconfig for the cluster that gets its token from the AWS CLI. */
function kubeconfig(cluster: Cluster): pulumi.Output<string> {
  return pulumi
    .all([cluster.cluster.name, cluster.cluster.endpoint, cluster.cluster.certificateAuthority])
    .apply(([name, endpoint, authority]) =>
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server: endpoint, "certificate-authority-data": authority?.data } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
        users: [
          {
            name,
            user: {
              exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "aws",
                args: ["eks", "get-token", "--cluster-name", name, "--region", cluster.spec.region],
              },
            },
          },
        ],
      }),
    );
}

/**
 * Karpenter for a cluster with Karpenter pools: the role of its nodes (allowed to join by an access
 * entry), its controller's role through EKS Pod Identity, the interruption queue, and the Helm chart.
 * The NodePools and EC2NodeClasses are in the Kubernetes manifests (kubectl apply -k).
 */
function createKarpenter(
  provider: aws.Provider,
  cluster: Cluster,
  spec: KarpenterSpec,
  dependsOn: pulumi.Resource[],
): k8s.helm.v3.Release {
  const opts = { provider };
  const id = cluster.spec.id;
  const clusterName = cluster.cluster.name;
  const agent = new aws.eks.Addon(id + "-pod-identity-agent", { clusterName, addonName: "eks-pod-identity-agent" }, opts);
  const node = instanceRole(id + "-karpenter-node", NODE_POLICIES, opts, spec.nodeRoleName);
  new aws.eks.AccessEntry(
    id + "-karpenter-node",
    { clusterName, principalArn: node.role.arn, type: "EC2_LINUX" },
    opts,
  );

  const queue = new aws.sqs.Queue(
    id + "-karpenter-interruptions",
    { messageRetentionSeconds: 300, sqsManagedSseEnabled: true },
    opts,
  );
  new aws.sqs.QueuePolicy(
    id + "-karpenter-interruptions",
    {
      queueUrl: queue.url,
      policy: queue.arn.apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] },
              Action: "sqs:SendMessage",
              Resource: arn,
            },
          ],
        }),
      ),
    },
    opts,
  );
  for (const [event, pattern] of Object.entries(INTERRUPTION_EVENTS)) {
    const rule = new aws.cloudwatch.EventRule(
      id + "-karpenter-" + event,
      { eventPattern: JSON.stringify(pattern) },
      opts,
    );
    new aws.cloudwatch.EventTarget(id + "-karpenter-" + event, { rule: rule.name, arn: queue.arn }, opts);
  }

  const controller = new aws.iam.Role(
    id + "-karpenter-controller",
    { assumeRolePolicy: assumeRolePolicy("pods.eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]) },
    opts,
  );
  new aws.iam.RolePolicy(
    id + "-karpenter-controller",
    {
      role: controller.id,
      policy: pulumi
        .all([node.role.arn, queue.arn, cluster.cluster.arn])
        .apply(([nodeRoleArn, queueArn, clusterArn]) => karpenterControllerPolicy(nodeRoleArn, queueArn, clusterArn)),
    },
    opts,
  );
  const identity = new aws.eks.PodIdentityAssociation(
    id + "-karpenter",
    { clusterName, namespace: "kube-system", serviceAccount: "karpenter", roleArn: controller.arn },
    opts,
  );

  const kubernetes = new k8s.Provider(id, { kubeconfig: kubeconfig(cluster) });
  return new k8s.helm.v3.Release(
    id + "-karpenter",
    {
      name: "karpenter",
      chart: "oci://public.ecr.aws/karpenter/karpenter",
      version: karpenterVersion,
      namespace: "kube-system",
      values: {
        settings: { clusterName, interruptionQueue: queue.name },
        serviceAccount: { name: "karpenter" },
        ...(spec.controllerNodeSelector ? { nodeSelector: spec.controllerNodeSelector } : {}),
      },
    },
    { provider: kubernetes, dependsOn: [agent, identity, ...dependsOn] },
  );
}

`;

export const FLEET_FUNCTION = `/**
 * A DPDK streaming fleet: one launch template (hugepages and isolated cores set at boot) and, per zone,
 * a placement group and an auto scaling group of a fixed size in the zone's public subnet.
 */
function createStreamingFleet(
  provider: aws.Provider,
  network: Network,
  spec: FleetSpec,
): aws.autoscaling.Group[] {
  const opts = { provider };
  const settings = fleetSettings[spec.id] ?? {};
  const perAz = settings.instancesPerAz ?? spec.instancesPerAz;
  const imageId = settings.amiId ?? aws.ssm.getParameterOutput({ name: spec.amiParameter }, opts).value;
  const role = instanceRole(spec.id, ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"], opts);
  const profile = new aws.iam.InstanceProfile(spec.id, { role: role.role.name }, opts);
  const securityGroup = new aws.ec2.SecurityGroup(
    spec.id,
    {
      vpcId: network.vpcId,
      description: "DPDK streaming fleet " + spec.id + ": open the streaming ports you serve",
      egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    },
    opts,
  );
  const volume = spec.rootVolume;
  const template = new aws.ec2.LaunchTemplate(
    spec.id,
    {
      imageId,
      instanceType: spec.instanceType,
      userData: Buffer.from(spec.userData, "utf8").toString("base64"),
      iamInstanceProfile: { arn: profile.arn },
      metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
      networkInterfaces: [
        { deviceIndex: 0, associatePublicIpAddress: "true", securityGroups: [securityGroup.id], deleteOnTermination: "true" },
      ],
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: {
            volumeSize: volume.sizeGiB,
            volumeType: volume.type,
            iops: volume.iops,
            throughput: volume.throughputMiBps,
            encrypted: "true",
            deleteOnTermination: "true",
          },
        },
      ],
      tagSpecifications: [{ resourceType: "instance", tags: { Name: spec.id, "topology-designer.dev/fleet": spec.id } }],
    },
    opts,
  );
  return spec.zones.map((zone) => {
    const name = spec.id + "-" + zone;
    const placement = new aws.ec2.PlacementGroup(
      name,
      { strategy: spec.placementStrategy, partitionCount: spec.placementStrategy === "partition" ? 3 : undefined },
      opts,
    );
    return new aws.autoscaling.Group(
      name,
      {
        vpcZoneIdentifiers: [network.publicSubnetIds[zone]],
        minSize: perAz,
        maxSize: perAz,
        desiredCapacity: perAz,
        placementGroup: placement.name,
        launchTemplate: { id: template.id, version: "$Latest" },
        tags: [
          { key: "Name", value: name, propagateAtLaunch: true },
          { key: "topology-designer.dev/fleet", value: spec.id, propagateAtLaunch: true },
        ],
      },
      opts,
    );
  });
}
`;
