"""Where the numbers come from: the course's files and photo folders (loaders), a student's uploads
(byod, h5_split), one photo's preprocessing (image), the lessons' small data sets (features, toy_data)."""
