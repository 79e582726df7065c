using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.Property(a => a.Actor).HasMaxLength(AuditEvent.MaxActorLength).IsRequired();
        audit.Property(a => a.Action).HasConversion<string>().HasMaxLength(40).IsUnicode(false);
        audit.Property(a => a.Target).HasMaxLength(AuditEvent.MaxTargetLength).IsRequired();
        audit.Property(a => a.Details).HasMaxLength(AuditEvent.MaxDetailsLength).IsRequired();
        audit.Property(a => a.IpAddress).HasMaxLength(64).IsUnicode(false);
        audit.HasIndex(a => a.OccurredAt);
        audit.HasIndex(a => new { a.Action, a.OccurredAt });
        audit.HasIndex(a => new { a.Actor, a.OccurredAt });
    }
}
