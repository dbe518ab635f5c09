namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>
/// Everything a message template may see. Kept small and documented in README: templates are written by
/// users, so nothing beyond these values is exposed to them.
/// </summary>
internal sealed record MessageModel(
    RecipientModel Recipient,
    CampaignModel Campaign,
    ModuleModel Module,
    LinksModel Links,
    CertificateModel? Certificate = null,
    AnswerModel? Answer = null,
    CauseModel? Cause = null);

/// <summary>
/// What the appeal asks for, in the reader's language: the campaign's first project when it collects for any, else its
/// module's cause, else the campaign's title with no description.
/// </summary>
internal sealed record CauseModel(string Title, string Description);

internal sealed record RecipientModel(string Name, string FirstName, string Language, string Country, string CountryName, string? City);

/// <summary>The campaign as its reader sees it: <paramref name="Title"/> is its public title in the reader's language, never an internal name while it has one.</summary>
internal sealed record CampaignModel(long Id, string Title);

/// <param name="Signature">The line that signs the module's messages (its <c>signature</c> setting, else the administration's name).</param>
/// <param name="SenderName">The name its e-mails come from (its <c>senderName</c> setting, else the administration's name).</param>
internal sealed record ModuleModel(string Id, string Name, string Issuer, string RegionName, string Signature = "", string SenderName = "");

/// <param name="Me">The person's own page (<c>/me/{token}</c>), the same in every message to them; empty where no person is known.</param>
internal sealed record LinksModel(string Pledge, string Unsubscribe, string Me);

/// <summary>
/// The certificate a delivery message hands over (only in certificate-delivery campaigns): its holder's own link,
/// the public verify address, and texts in every language so the message speaks the recipient's.
/// </summary>
internal sealed record CertificateModel(
    string Serial, string Kind, CampaignEngine.Core.Reference.LocalizedText KindTitle, CampaignEngine.Core.Reference.LocalizedText Issuer,
    string Link, string VerifyUrl, DateOnly ExpiresOn);

/// <summary>
/// The desk's answer a message carries (only in desk-answer campaigns): what staff wrote, and the page behind the person's
/// link where the whole conversation stands.
/// </summary>
internal sealed record AnswerModel(string Text, string Link);

/// <summary>
/// The printed certificate as its template sees it, every text already in the certificate's language. Only
/// <paramref name="EmblemSvg"/> and <paramref name="QrSvg"/> are markup; everything else is HTML-escaped for the template.
/// </summary>
internal sealed record CertificatePaperModel(
    string Serial, string Kind, string KindTitle, string HolderName, string Reason, string IssuedDate, string VerifyUrl,
    string Status, string? StatusNote, string Language, string IssuerName, string SignatoryTitle, string SignatoryName,
    string? EmblemSvg, string QrSvg);
