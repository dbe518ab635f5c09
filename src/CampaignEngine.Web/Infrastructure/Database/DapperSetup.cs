using System.Data;
using System.Globalization;
using Dapper;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// Times are stored as UTC ISO-8601 text with a fixed shape, so that SQL comparisons of the
/// text compare the instants and rows read back the same in SQLite and PostgreSQL.
/// </summary>
internal static class DapperSetup
{
    public const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static void Configure()
    {
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new UtcTextHandler());
        // SQLite keeps a NUMERIC value as INTEGER or REAL row by row (25 vs 37.5); Dapper compiles one reader
        // per query shape from the first row's types, so money must be converted from whatever comes.
        SqlMapper.RemoveTypeMap(typeof(decimal));
        SqlMapper.RemoveTypeMap(typeof(decimal?));
        SqlMapper.AddTypeHandler(new DecimalHandler());
        // Flags are INTEGER 0/1 on both engines (ADR 0012): a C# bool is written as that number, which is what SQLite
        // stored anyway, and PostgreSQL's bigint columns take; read back from either a number or a boolean.
        SqlMapper.RemoveTypeMap(typeof(bool));
        SqlMapper.RemoveTypeMap(typeof(bool?));
        SqlMapper.AddTypeHandler(new FlagHandler());
    }

    public static string ToDb(this DateTimeOffset at) => at.UtcDateTime.ToString(UtcFormat, CultureInfo.InvariantCulture);

    private sealed class UtcTextHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToDb();
        }

        public override DateTimeOffset Parse(object value) =>
            DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    private sealed class FlagHandler : SqlMapper.TypeHandler<bool>
    {
        public override void SetValue(IDbDataParameter parameter, bool value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value ? 1L : 0L;
        }

        public override bool Parse(object value) => Convert.ToBoolean(value, CultureInfo.InvariantCulture);
    }

    private sealed class DecimalHandler : SqlMapper.TypeHandler<decimal>
    {
        public override void SetValue(IDbDataParameter parameter, decimal value) => parameter.Value = value;

        public override decimal Parse(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);
    }
}
