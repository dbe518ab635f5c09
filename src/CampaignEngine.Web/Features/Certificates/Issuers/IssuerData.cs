using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Certificates.Issuers;

/// <summary>
/// What a certificate prints about its issuer. <c>ProfileId</c> is the stored version it came from; null means
/// the module's own defaults as compiled (certificates issued before issuer editing existed).
/// </summary>
internal sealed record IssuerData(LocalizedText Name, LocalizedText SignatoryTitle, string SignatoryName, string? EmblemSvg, long? ProfileId = null)
{
    public static IssuerData Of(Issuer issuer) => new(issuer.Name, issuer.SignatoryTitle, issuer.SignatoryName, null);

    /// <summary>Hex SHA-256 over every printed field, so the same content is stored once per module.</summary>
    public string ContentHash()
    {
        var text = CertificateContent.Join([Name.Ky, Name.Ru, Name.En, SignatoryTitle.Ky, SignatoryTitle.Ru, SignatoryTitle.En, SignatoryName, EmblemSvg ?? ""]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public bool SameContent(IssuerData other) => ContentHash() == other.ContentHash();
}
