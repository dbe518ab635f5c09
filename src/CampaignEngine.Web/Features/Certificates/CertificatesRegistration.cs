using CampaignEngine.Web.Features.Certificates.Bulk;
using CampaignEngine.Web.Features.Certificates.Delivery;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Features.Certificates.Issuing;
using CampaignEngine.Web.Features.Certificates.Nominations;
using CampaignEngine.Web.Features.Certificates.Receipts;
using CampaignEngine.Web.Features.Certificates.Verification;

namespace CampaignEngine.Web.Features.Certificates;

internal static class CertificatesRegistration
{
    public static IServiceCollection AddCertificates(this IServiceCollection services)
    {
        services.AddSingleton<CertificateStore>();
        services.AddSingleton<CertificateSigner>();
        services.AddSingleton<CertificateService>();
        services.AddSingleton<CertificateVerifier>();
        services.AddSingleton<CertificateDocuments>();
        services.AddSingleton<CertificateHtml>();
        services.AddSingleton<CertificateRendering>();
        services.AddSingleton<IssuerKeyDirectory>();
        services.AddHostedService<IssuerKeysAtStart>();
        services.AddSingleton<NominationStore>();
        services.AddSingleton<CertificateNominations>();
        services.AddSingleton<Core.Modules.IModuleContext, NominationsForModules>();
        services.AddSingleton<ContributionReasons>();
        services.AddSingleton<LeaderNominations>();
        services.AddSingleton<BulkEligibility>();
        services.AddSingleton<CertificateJobStore>();
        services.AddSingleton<CertificateBulk>();
        services.AddSingleton<IssuerProfileStore>();
        services.AddSingleton<CertificateIssuers>();
        services.AddSingleton<IssuerEditing>();
        services.AddSingleton<CertificateDelivery>();
        services.AddSingleton<CertificateLinks>();
        services.AddSingleton<Sending.ICertificateLinks>(s => s.GetRequiredService<CertificateLinks>());
        services.AddSingleton<ReceiptStore>();
        services.AddSingleton<PersonalReceipts>();
        services.AddSingleton<MyPage.IMyPageSections, MyPapersSections>();
        return services;
    }
}
