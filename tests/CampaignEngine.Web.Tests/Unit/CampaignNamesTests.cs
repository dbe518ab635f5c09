using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Tests.Unit;

public sealed class CampaignNamesTests
{
    private static readonly UiText Texts = new();

    [Theory]
    [InlineData("certificate-delivery", "Certificates 2026-05-12", "ru", "Доставка грамот · 2026-05-12")]
    [InlineData("certificate-delivery", "Certificates 2026-05-12 KG-Y-2026-00012", "ky", "Грамоталарды жеткирүү · 2026-05-12 KG-Y-2026-00012")]
    [InlineData("certificate-delivery", "Certificates 2026-05-12 batch KG-Y-2026-00012", "ru", "Доставка грамот · 2026-05-12 выданные вместе KG-Y-2026-00012")]
    [InlineData("certificate-delivery", "Certificates job 7", "ky", "Грамоталарды жеткирүү · көпчүлүккө берүү #7")]
    [InlineData("pledge-reminder", "Pledge reminders 2026-05", "ru", "Напоминания об обещаниях · 2026-05")]
    [InlineData("appeal", "Certificates for the school", "ru", "Certificates for the school")]
    public void The_host_s_own_campaigns_are_named_by_their_purpose_in_the_reader_s_language(string purpose, string stored, string language, string read) =>
        Assert.Equal(read, CampaignNames.For(Texts, language, purpose, stored));

    [Theory]
    [InlineData("opted-out", "ru", "человек отозвал согласие на этот канал")]
    [InlineData("no delivery report within 48 h", "ky", "48 саат ичинде жеткирүү тууралуу отчёт келген жок")]
    [InlineData("provider: 131026 not on WhatsApp", "ru", "ответ провайдера: 131026 not on WhatsApp")]
    public void A_message_error_is_said_in_the_reader_s_language_where_the_host_wrote_it(string stored, string language, string read) =>
        Assert.Equal(read, MessageErrors.Say(Texts, language, stored));
}
