using System.Xml.Linq;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CampaignEngine.Web.Infrastructure.DataProtection;

/// <summary>
/// The key ring as rows of the PostgreSQL database (ADR 0012): every host behind the load balancer reads the same keys,
/// so a cookie or a sealed certificate key made by one is opened by another. The elements are stored as written, which
/// is encrypted XML when a certificate protects the key ring (KeyRing adds that above any repository).
/// </summary>
internal sealed class DatabaseXmlRepository(Db db, TimeProvider clock) : IXmlRepository
{
    public const string Table = "data_protection_key";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.Open();
        return connection.Query<string>($"SELECT xml FROM {Table} ORDER BY id").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.Open();
        // Two hosts making their first key at the same moment both keep theirs: the ring holds both, either one opens.
        connection.Execute($"""
            INSERT INTO {Table} (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @at)
            ON CONFLICT (friendly_name) DO NOTHING
            """, new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), at = clock.GetUtcNow() });
    }
}
