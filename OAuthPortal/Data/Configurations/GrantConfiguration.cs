using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class GrantConfiguration : IEntityTypeConfiguration<Grant>
{
    public void Configure(EntityTypeBuilder<Grant> grant)
    {
        grant.Property(g => g.Kind).HasConversion<string>().HasMaxLength(32).IsUnicode(false);
        grant.Property(g => g.ClientId).HasMaxLength(64).IsUnicode(false);
        grant.Property(g => g.ScopeNames).IsRequired();
        grant.Property(g => g.RevocationReason).HasConversion<string>().HasMaxLength(24).IsUnicode(false);
        grant.HasIndex(g => g.CreatedAt); // pruning
        grant.Property(g => g.SessionId).HasMaxLength(UserSessionConfiguration.IdLength).IsUnicode(false);
        grant.HasIndex(g => g.SessionId); // back-channel logout: the clients a session signed in to
        grant.Property(g => g.AuthenticationMethods).HasMaxLength(Grant.MaxAuthenticationMethodsLength).IsUnicode(false);
        grant.Property(g => g.ClaimsRequest).HasMaxLength(Grant.MaxClaimsRequestLength);
        grant.Property(g => g.Resources).HasMaxLength(Grant.MaxResourcesLength).IsUnicode(false);

        // The grant goes with its client or user. Its codes and tokens go with them by their own cascades (SQL Server
        // allows one cascade path per table), and pruning deletes a grant only once nothing refers to it.
        grant.HasOne(g => g.Client).WithMany().HasForeignKey(g => g.ClientId).OnDelete(DeleteBehavior.Cascade);
        grant.HasOne(g => g.User).WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
