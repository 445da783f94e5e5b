import Trial
