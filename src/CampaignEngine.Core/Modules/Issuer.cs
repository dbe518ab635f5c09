using CampaignEngine.Core.Reference;

namespace CampaignEngine.Core.Modules;

/// <summary>The administration that issues a module's certificates.</summary>
/// <param name="Name">The administration's name.</param>
/// <param name="SignatoryTitle">The signatory's title, e.g. the governor's plenipotentiary representative.</param>
/// <param name="SignatoryName">The signatory's name as printed.</param>
/// <param name="SerialPrefix">Prefix of certificate serial numbers, e.g. <c>IK</c> gives <c>IK-2026-000042</c>.</param>
public sealed record Issuer(LocalizedText Name, LocalizedText SignatoryTitle, string SignatoryName, string SerialPrefix);
