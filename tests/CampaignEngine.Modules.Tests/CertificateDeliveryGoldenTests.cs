using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Modules.Tests;

/// <summary>The message that hands a certificate to its holder, for every module and language, compared with approved files.</summary>
public sealed class CertificateDeliveryGoldenTests
{
    public static TheoryData<string, string> Cases() => GoldenFixtures.ModulesAndLanguages();

    [Theory, MemberData(nameof(Cases))]
    public void Delivery_message_renders_as_approved(string moduleId, string language)
    {
        var module = RepositoryModules.Manifest(moduleId);
        var recipient = new RecipientRow(42, language == "en" ? "Aigul Omurbekova" : "Айгүл Өмүрбекова", language, GoldenFixtures.ReaderCountry(module), null, null, null, null);
        var certificate = new CertificateModel($"{module.Issuer.SerialPrefix}-2026-000042", "honorary",
            new LocalizedText("Ардак грамота", "Почётная грамота", "Certificate of Honour"), module.Issuer.Name,
            "https://example.kg/c/0123456789abcdef0123456789abcdef", $"https://example.kg/verify/{module.Issuer.SerialPrefix}-2026-000042",
            new DateOnly(2027, 5, 23));
        var message = GoldenFixtures.Composer.Compose(module, 7, new CampaignEngine.Web.Features.Campaigns.CampaignTitle("Certificates 2026-11-24", CampaignEngine.Web.Features.Campaigns.SystemCampaignTitles.CertificateDelivery.Ky, CampaignEngine.Web.Features.Campaigns.SystemCampaignTitles.CertificateDelivery.Ru, CampaignEngine.Web.Features.Campaigns.SystemCampaignTitles.CertificateDelivery.En), "certificate-delivery", recipient, "fedcba9876543210fedcba9876543210",
            certificate: certificate, meToken: "99999999999999999999999999999999");
        Approvals.Verify($"{moduleId}/certificate-delivery.{language}", GoldenFixtures.Layout(message));
    }
}
