# Firebreak's image is made from the Maven build's output only: run `./mvnw -B package` (or
# `./mvnw verify`) first; .dockerignore keeps everything but the executable jar out of the context.
FROM eclipse-temurin:17-jre

RUN useradd --system --uid 10001 --no-create-home firebreak
COPY worker/target/firebreak.jar /opt/firebreak/firebreak.jar
USER firebreak

# The quick JIT alone, as ./firebreak runs the servers (README.md, "JVM options"); set
# JDK_JAVA_OPTIONS in the container's environment to choose other options.
ENV JDK_JAVA_OPTIONS="-XX:TieredStopAtLevel=1"

EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/firebreak/firebreak.jar"]
CMD ["all", "--config", "/etc/firebreak/firebreak.yaml", "--host", "0.0.0.0"]
