using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.Features.Certificates;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Modules.Tests;

/// <summary>Every module's printable certificate, in every language, compared with approved files.</summary>
public sealed class CertificateGoldenTests
{
    private static readonly CertificateHtml Html = new(GoldenFixtures.Templates);
    private static readonly CertificateDocuments Documents = new(new UiText(), new MessageModelBuilder(GoldenFixtures.Configuration, new UiText()));

    public static TheoryData<string, string> Cases() => GoldenFixtures.ModulesAndLanguages();

    [Theory, MemberData(nameof(Cases))]
    public void Certificate_html_renders_as_approved(string moduleId, string language)
    {
        var module = RepositoryModules.Manifest(moduleId);
        var record = new CertificateRecord
        {
            Serial = $"{module.Issuer.SerialPrefix}-2026-000042", CompatriotId = 1, ModuleId = moduleId, Kind = "honorary",
            Language = language, HolderName = "Айгүл Өмүрбекова <Ңаа>", Reason = "«Таза көл» долбооруна 1 000 USD",
            IssuedAt = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero), Status = CertificateStatus.Valid, ContentHash = "",
        };
        Approvals.Verify($"{moduleId}/certificate.{language}.html", Html.Render(Documents.For(record, module), module));
    }
}
